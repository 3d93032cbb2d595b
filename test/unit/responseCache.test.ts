import { stableJson, VersionedAnswers } from '../../src/graphql/responseCache';

const answer = (n: number) => ({ data: { n } });

describe('VersionedAnswers', () => {
  it('gives back an answer only at the version it was kept for', () => {
    const answers = new VersionedAnswers(1000);
    answers.set('v1', 'q', answer(1), 10);
    expect(answers.get('v1', 'q')).toEqual(answer(1));
    expect(answers.get('v2', 'q')).toBeUndefined();
    expect(answers.get('v1', 'other')).toBeUndefined();
  });

  it('drops every answer of the old version when an answer of a new one is kept', () => {
    const answers = new VersionedAnswers(1000);
    answers.set('v1', 'a', answer(1), 10);
    answers.set('v1', 'b', answer(2), 10);
    answers.set('v2', 'c', answer(3), 10);
    expect(answers.size).toEqual({ entries: 1, bytes: 10 });
    expect(answers.get('v1', 'a')).toBeUndefined();
    expect(answers.get('v2', 'c')).toEqual(answer(3));
  });

  it('stays within its byte budget by evicting the least recently used answers', () => {
    const answers = new VersionedAnswers(800); // answers of up to 100 bytes are kept
    for (const key of ['a', 'b', 'c', 'd']) answers.set('v', key, answer(0), 100);
    expect(answers.get('v', 'a')).toBeDefined(); // a is now the most recently used, b the least
    for (const key of ['e', 'f', 'g', 'h', 'i']) answers.set('v', key, answer(0), 100);
    expect(answers.size).toEqual({ entries: 8, bytes: 800 });
    expect(answers.get('v', 'b')).toBeUndefined();
    expect(answers.get('v', 'a')).toBeDefined();
    expect(answers.get('v', 'c')).toBeDefined();
  });

  it('never keeps an answer above an eighth of the budget, and counts a replaced answer once', () => {
    const answers = new VersionedAnswers(800);
    expect(answers.set('v', 'big', answer(1), 101)).toBe(false);
    expect(answers.get('v', 'big')).toBeUndefined();
    answers.set('v', 'q', answer(1), 50);
    answers.set('v', 'q', answer(2), 60);
    expect(answers.size).toEqual({ entries: 1, bytes: 60 });
    expect(answers.get('v', 'q')).toEqual(answer(2));
  });
});

describe('stableJson', () => {
  it('writes object keys sorted at every depth, and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }));
    expect(stableJson({ a: [1, 2] })).not.toBe(stableJson({ a: [2, 1] }));
  });
});
