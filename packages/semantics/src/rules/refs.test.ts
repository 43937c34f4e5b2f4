import { describe, expect, it } from 'vitest';
import { feedbackTypePrefix, idPatternMatches, objectIdOf, parseWeaveRef, refSegment, spanTypeOf } from './refs.js';

describe('parseWeaveRef', () => {
  it('parses an object ref with digest', () => {
    expect(parseWeaveRef('weave:///acme/bot/object/spec:abc123')).toEqual({
      entity: 'acme',
      project: 'bot',
      kind: 'object',
      name: 'spec',
      digest: 'abc123',
      rest: [],
    });
  });

  it('parses a call ref without digest and keeps extra segments', () => {
    const call = parseWeaveRef('weave:///acme/bot/call/0191');
    expect(call).toEqual({ entity: 'acme', project: 'bot', kind: 'call', name: '0191', rest: [] });
    expect(call && 'digest' in call).toBe(false);
    expect(parseWeaveRef('weave:///e/p/object/o:d/attr/x')?.rest).toEqual(['attr', 'x']);
    expect(parseWeaveRef('weave:///e/p/object/o:d/')?.rest).toEqual(['']);
  });

  it('keeps a digest that itself has a colon, whole', () => {
    const ref = parseWeaveRef('weave:///e/p/agent_turn/t:1:2');
    expect(ref?.name).toBe('t');
    expect(ref?.digest).toBe('1:2');
    expect(ref && refSegment(ref)).toBe('t:1:2');
  });

  it.each([
    'weave://acme/bot/object/x:1',
    'weave-trace-internal:///acme/bot/object/x:1',
    'weave:///acme/bot/object',
    'weave:///acme/bot/object/',
    'weave:///acme//object/x:1',
    'weave:////bot/object/x:1',
    'weave:///acme/bot//x:1',
    'weave:///acme/bot/object/:1',
    'weave:///acme/bot/object/x:',
    '',
  ])('refuses %j', (ref) => {
    expect(parseWeaveRef(ref)).toBeNull();
  });
});

describe('objectIdOf', () => {
  it('takes the text after the last slash, cut at the first colon', () => {
    expect(objectIdOf('weave:///e/p/object/scorer_a:abc')).toBe('scorer_a');
    expect(objectIdOf('weave:///e/p/object/monday:a:b')).toBe('monday');
    expect(objectIdOf('weave:///e/p/object/plain')).toBe('plain');
    expect(objectIdOf('weave:///e/p/object/x:1/attr/y')).toBe('y');
    expect(objectIdOf('no-slash:1')).toBe('no-slash');
    expect(objectIdOf('weave:///e/p/object/')).toBe('');
  });

  it('gives "" for null or absent refs', () => {
    expect(objectIdOf(null)).toBe('');
    expect(objectIdOf(undefined)).toBe('');
  });
});

describe('spanTypeOf', () => {
  it('takes the second-to-last segment', () => {
    expect(spanTypeOf('weave:///e/p/agent_turn/t1')).toBe('agent_turn');
    expect(spanTypeOf('weave:///e/p/agent_conversation/c1')).toBe('agent_conversation');
    expect(spanTypeOf('weave:///e/p/call/abc')).toBe('call');
    expect(spanTypeOf('a/b')).toBe('a');
  });

  it('gives "" without a slash', () => {
    expect(spanTypeOf('plain')).toBe('');
    expect(spanTypeOf('')).toBe('');
  });
});

describe('idPatternMatches', () => {
  it('matches exactly without a trailing star', () => {
    expect(idPatternMatches('mon', 'mon')).toBe(true);
    expect(idPatternMatches('mon', 'monday')).toBe(false);
    expect(idPatternMatches('m*n', 'm*n')).toBe(true);
    expect(idPatternMatches('m*n', 'moon')).toBe(false);
  });

  it('matches a prefix with a trailing star', () => {
    expect(idPatternMatches('mon*', 'mon')).toBe(true);
    expect(idPatternMatches('mon*', 'monday')).toBe(true);
    expect(idPatternMatches('mon*', 'mo')).toBe(false);
    expect(idPatternMatches('mon**', 'monday')).toBe(true);
  });

  it('matches everything with a lone star, including the empty id', () => {
    expect(idPatternMatches('*', 'anything')).toBe(true);
    expect(idPatternMatches('*', '')).toBe(true);
  });
});

describe('feedbackTypePrefix', () => {
  it('strips every trailing star', () => {
    expect(feedbackTypePrefix('wandb.runnable.*')).toBe('wandb.runnable.');
    expect(feedbackTypePrefix('wandb.runnable.')).toBe('wandb.runnable.');
    expect(feedbackTypePrefix('a**')).toBe('a');
    expect(feedbackTypePrefix('*')).toBe('');
    expect(feedbackTypePrefix('a*b')).toBe('a*b');
  });
});
