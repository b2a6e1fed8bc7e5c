/** The label limiter behind bounded operation-name labels (pure logic). */
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  createLabelLimiter,
  createOperationNameLabels,
  OTHER,
} from '../../src/operation-names.js';

describe('label limiter', () => {
  it('admits well-formed values first come, first served, then answers other', () => {
    const limiter = createLabelLimiter({ maxDistinct: 2 });
    expect(limiter.label('First')).toBe('First');
    expect(limiter.label('Second')).toBe('Second');
    expect(limiter.label('Third')).toBe(OTHER);
    expect(limiter.label('First')).toBe('First');
  });

  it('keeps known values whatever the count, and accepts more known values later', () => {
    const limiter = createLabelLimiter({ maxDistinct: 0, known: ['Dashboard'] });
    expect(limiter.label('Dashboard')).toBe('Dashboard');
    expect(limiter.label('Stranger')).toBe(OTHER);
    limiter.addKnown(['Stranger']);
    expect(limiter.label('Stranger')).toBe('Stranger');
  });

  it('sends too long or malformed values to other without using a slot', () => {
    const limiter = createLabelLimiter({ maxDistinct: 1, maxLength: 10 });
    expect(limiter.label('ElevenChars')).toBe(OTHER);
    expect(limiter.label('has space')).toBe(OTHER);
    expect(limiter.label('a"b')).toBe(OTHER);
    expect(limiter.label('Fine')).toBe('Fine');
  });
});

describe('operation name labels', () => {
  it('labels unnamed operations anonymous', () => {
    const names = createOperationNameLabels();
    expect(names.labelOperation(undefined)).toBe(ANONYMOUS);
    expect(names.labelOperation('')).toBe(ANONYMOUS);
    expect(names.labelOperation('GetUser')).toBe('GetUser');
  });
});
