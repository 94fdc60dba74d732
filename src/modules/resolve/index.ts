/**
 * Entity resolution in the database (issue 4): what other modules may import.
 * How it works and what analysts can do: docs/resolution.md.
 */
export { runResolve, type ResolveOptions, type ResolveSummary } from './resolve.service';
export { exportEntities, ENTITY_EXPORT_HEADER, type ExportFormat, type ExportOptions } from './export.service';
export { decideReviewItem, mergeEntities, splitEntity, undoDecision, type DecisionOutcome } from './decisions.service';
export { listReview, explainRecords, listDecisionLog } from './review.service';
export { forgetRecords, entityConflicts, currentEntityId, type EntityConflict } from './entities.service';
export { RESOLVE_POLICY } from './resolve.policy';
export { resolveRoutes } from './resolve.routes';
export { mentionKey, parseMentionRef, mentionRef, type MentionRole } from './mention-keys';
export type { RunCounts } from './full-run';
