import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, POLICY_FIELD_LABELS, fieldLabel, fieldProblem, inWords } from './labels';

describe('fieldLabel', () => {
  it('names a policy field the same wherever it appears', () => {
    expect(fieldLabel('can_persist')).toBe(POLICY_FIELD_LABELS.can_persist);
    expect(fieldLabel('policy_overrides.can_persist')).toBe(`${POLICY_FIELD_LABELS.can_persist} (override)`);
    expect(FIELD_LABELS.can_persist).toBe(POLICY_FIELD_LABELS.can_persist);
  });

  it('numbers list items from one, as the form shows them', () => {
    expect(fieldLabel('content_key_specs[0].security_level')).toBe('Track 1: Security level');
    expect(fieldLabel('keys[2].key_id')).toBe('Key 3: Key id');
    expect(fieldLabel('content_key_specs[1]')).toBe('Track 2');
  });

  it('never shows an API field name, even for a field it does not know', () => {
    expect(fieldLabel('license_duration_seconds')).toBe('License duration');
    expect(fieldLabel('some_new_field')).toBe('Some new field');
    expect(fieldLabel('outer.inner_field')).toBe('Inner field');
    for (const label of Object.values(FIELD_LABELS)) expect(label).not.toMatch(/_/);
  });
});

describe('fieldProblem', () => {
  it('says the field in words, then the message, as one sentence', () => {
    expect(fieldProblem('policy_overrides.renewal_delay_seconds', 'must not be negative')).toBe(
      'Renewal delay (override): must not be negative.',
    );
    expect(fieldProblem('name', 'is taken.')).toBe('Name: is taken.');
  });
});

describe('inWords', () => {
  it('puts the API field names of a server message in words, and leaves other words alone', () => {
    expect(inWords('is only allowed when can_renew is true')).toBe('is only allowed when “May be renewed” is true');
    expect(inWords('must not exceed license_duration_seconds')).toBe('must not exceed “License duration”');
    expect(inWords('unknown_thing is wrong')).toBe('unknown_thing is wrong');
  });
});
