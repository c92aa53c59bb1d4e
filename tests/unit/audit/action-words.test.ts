import { describe, expect, it } from 'vitest'
import type { AuditInput } from '@/lib/audit/record'
import { AUDIT_ACTIONS, auditActionLabel, auditActionWords, isAuditAction, type AuditAction } from '@/lib/audit/actions'

// AuditInput.action (what every writer of the trail passes to recordAudit) is typed AuditAction,
// and auditActionWords is a Record over it, so TypeScript already refuses a code without words.
// These lines make that contract explicit: if either type widens back to string, tsc fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const writtenCodesAreTheList: Same<AuditInput['action'], AuditAction> = true
const wordsCoverTheList: Same<keyof typeof auditActionWords, AuditAction> = true

describe('audit action words', () => {
  it('the action type the trail is written with is the list the viewer words', () => {
    expect(writtenCodesAreTheList && wordsCoverTheList).toBe(true)
  })

  it('gives every code the code base writes plain words, not the code again', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
    for (const code of AUDIT_ACTIONS) {
      const words = auditActionWords[code]
      expect(words, code).toMatch(/^[A-Z][a-z]/)
      expect(words, code).not.toMatch(/[A-Z]{2,}_|_[A-Z]/)
      expect(words.length, code).toBeLessThanOrEqual(60)
    }
    expect(Object.keys(auditActionWords).sort()).toEqual([...AUDIT_ACTIONS].sort())
  })

  it('words the common ones as an admin would say them', () => {
    expect(auditActionLabel('CLIENT_VIEW')).toBe("Opened a client's record")
    expect(auditActionLabel('AUTHZ_DENIED')).toBe('Access refused')
    expect(auditActionLabel('LOGIN_FAIL')).toBe('Sign-in failed')
  })

  it('shows a code it does not know as itself', () => {
    expect(isAuditAction('SOMETHING_NEW')).toBe(false)
    expect(auditActionLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW')
    // Not fooled by properties every object has.
    expect(isAuditAction('toString')).toBe(false)
    expect(auditActionLabel('constructor')).toBe('constructor')
  })
})
