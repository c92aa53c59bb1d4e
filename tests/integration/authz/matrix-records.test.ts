// The authorization matrix, shard 'records': session notes, goals and risk flags. See table.ts for the cells and runner.ts for how
// each expectation is checked.
import { defineMatrix } from './runner'

defineMatrix('records')
