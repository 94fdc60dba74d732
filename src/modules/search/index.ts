export { searchEntities } from './search.service';
export { indexPendingNames, searchIndexBehind, type IndexOptions, type IndexResult } from './search-index.service';
export { BACKGROUND_PACE, createSearchIndexer, type IndexerLog, type SearchIndexer, type SearchIndexerOptions } from './search-indexer';
export { searchRoutes } from './search.routes';
export { SEARCH_POLICY } from './search.policy';
export type { SearchQuery, SearchResponse, SearchResult } from './search.schema';
