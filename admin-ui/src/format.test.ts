import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { describeDatabase, describeFailure, formatMode, healthTone } from './format';

describe('formatMode', () => {
  it('turns the API modes into words', () => {
    expect(formatMode('EMBEDDED')).toBe('Embedded');
    expect(formatMode('EXTERNAL')).toBe('External');
  });

  it('handles modes it does not know', () => {
    expect(formatMode('READ_ONLY_REPLICA')).toBe('Read only replica');
    expect(formatMode('')).toBe('');
  });
});

describe('describeDatabase', () => {
  it('names mode, product and version', () => {
    expect(describeDatabase({ mode: 'EMBEDDED', product: 'PostgreSQL', product_version: '17.6' })).toBe(
      'Embedded PostgreSQL 17.6',
    );
    expect(describeDatabase({ mode: 'EXTERNAL', product: 'PostgreSQL', product_version: '15.18' })).toBe(
      'External PostgreSQL 15.18',
    );
  });

  it('leaves out what is blank instead of printing double spaces', () => {
    expect(describeDatabase({ mode: 'EXTERNAL', product: 'PostgreSQL', product_version: '' })).toBe(
      'External PostgreSQL',
    );
  });
});

describe('healthTone', () => {
  it('is ok only for UP', () => {
    expect(healthTone('UP')).toBe('ok');
    expect(healthTone(' up ')).toBe('ok');
  });

  it('is bad for every other status', () => {
    for (const status of ['DOWN', 'OUT_OF_SERVICE', 'UNKNOWN', '', 'UPGRADING']) {
      expect(healthTone(status), status).toBe('bad');
    }
  });
});

describe('describeFailure', () => {
  it('gives the HTTP status and path', () => {
    expect(describeFailure(new ApiError('/api/v1/platform', 503))).toBe('HTTP 503 from /api/v1/platform.');
  });

  it('says when no response came', () => {
    expect(describeFailure(new ApiError('/api/v1/platform', null))).toBe('No response from /api/v1/platform.');
  });

  it('says when the answer had the wrong shape', () => {
    expect(describeFailure(new ApiError('/api/v1/platform', 200, true))).toBe(
      'Unexpected answer from /api/v1/platform (HTTP 200).',
    );
  });

  it('falls back to the message of any other error', () => {
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure('???')).toBe('Unknown error.');
  });
});
