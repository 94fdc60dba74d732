import type { Migration } from '../migrate';
import { m0001 } from './0001_enable_extensions';
import { m0002 } from './0002_create_accounts';
import { m0003 } from './0003_create_audit_log';
import { m0004 } from './0004_create_core_model';
import { m0010 } from './0010_create_source_facts';
import { m0011 } from './0011_replace_source_records_batch_fk';
import { m0012 } from './0012_drop_unused_names_trigram_index';
import { m0020 } from './0020_create_resolution';
import { m0021 } from './0021_create_match_blocks';
import { m0022 } from './0022_add_resolution_run_blocking_version';
import { m0023 } from './0023_add_org_fields_to_match_mentions';
import { m0030 } from './0030_create_search_index';
import { m0031 } from './0031_queue_names_for_search';
import { m0040 } from './0040_create_status_assessments';
import { m0050 } from './0050_create_disclosures';
import { m0051 } from './0051_create_accounting_release_decisions';
import { m0052 } from './0052_create_correction_notices';
import { m0060 } from './0060_create_leads';
import { m0061 } from './0061_count_review_queue_by_status';
import { m0062 } from './0062_drop_unused_assessment_admission_index';
import { m0063 } from './0063_replace_record_links_fks';
import { m0064 } from './0064_add_review_item_pairs';
import { m0065 } from './0065_unlogged_match_index';
import { m0066 } from './0066_cover_match_block_lookups';

/** In order. A landed migration is never edited; add a new one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0010, m0011, m0012, m0020, m0021, m0022, m0023, m0030, m0031, m0040, m0050, m0051, m0052, m0060, m0061, m0062, m0063, m0064, m0065, m0066];
