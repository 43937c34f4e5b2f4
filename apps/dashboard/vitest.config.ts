import { defineConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

export default defineConfig(baseConfig);
