import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.schema.js';

describe('loadConfig', () => {
  it('applies defaults: embedded database, demo seed, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe('./data');
    expect(config.demoSeed).toBe(true);
    expect(config.session.cookieSecure).toBe(false);
  });

  it('bounds exports and analyses by default: 1 at a time, 20 waiting, 30 s of wait at most', () => {
    expect(loadConfig({}).expensiveWork).toEqual({ concurrency: 1, queue: 20, maxWaitSeconds: 30 });
    expect(loadConfig({ EXPENSIVE_WORK_CONCURRENCY: '4', EXPENSIVE_WORK_QUEUE: '0', EXPENSIVE_WORK_WAIT_SECONDS: '5' }).expensiveWork).toEqual({
      concurrency: 4,
      queue: 0,
      maxWaitSeconds: 5,
    });
  });

  it('turns the demo seed off by default on a real PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' }).demoSeed).toBe(false);
  });

  it.each([
    ['PORT', 'abc', 'PORT: expected an integer between 0 and 65535'],
    ['PORT', '70000', 'PORT: expected an integer between 0 and 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    ['PUBLIC_URL', 'localhost', 'PUBLIC_URL: expected an http:// or https:// URL'],
    ['DEMO_SEED', 'maybe', 'DEMO_SEED: expected true or false'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: expected one of'],
    ['BODY_LIMIT', 'huge', 'BODY_LIMIT: expected a size such as 512kb or 1mb'],
    ['EXPENSIVE_WORK_CONCURRENCY', '0', 'EXPENSIVE_WORK_CONCURRENCY: expected an integer between 1 and 64'],
    ['EXPENSIVE_WORK_QUEUE', '-1', 'EXPENSIVE_WORK_QUEUE: expected an integer between 0 and 10000'],
    ['EXPENSIVE_WORK_WAIT_SECONDS', 'soon', 'EXPENSIVE_WORK_WAIT_SECONDS: expected an integer between 1 and 600'],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
