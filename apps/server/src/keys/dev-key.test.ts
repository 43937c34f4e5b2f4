import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './dev-key.js';

describe('isLoopbackHost', () => {
  it('accepts the loopback names and addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses every interface and other addresses', () => {
    for (const host of ['0.0.0.0', '::', '', '10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.1.example.com', 'localhost.example.com']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
