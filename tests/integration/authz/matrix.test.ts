// The authorization matrix, shard 'clinical': clients, check-ins and responses. See table.ts for the cells and runner.ts for how
// each expectation is checked.
import { defineMatrix } from './runner'

defineMatrix('clinical')
