// The authorization matrix, shard 'staff': accounts, settings, the audit trail, sessions and system endpoints. See table.ts for the cells and runner.ts for how
// each expectation is checked.
import { defineMatrix } from './runner'

defineMatrix('staff')
