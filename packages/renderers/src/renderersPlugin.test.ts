import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPES, type Renderer } from '@visor/core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import plugin, { renderersPlugin } from './index.js';

describe('renderersPlugin', () => {
  it('is a plain value that binds png, json and html to TYPES.Renderer', () => {
    expect(plugin).toBe(renderersPlugin);
    expect({ name: plugin.name, version: plugin.version, visorApi: plugin.visorApi }).toEqual({
      name: '@visor/renderers',
      version: '0.1.0',
      visorApi: '^2',
    });
    const c = new Container();
    plugin.register(c.bind.bind(c));
    const renderers = c.getAll<Renderer>(TYPES.Renderer);
    expect(renderers.map((r) => r.id)).toEqual(['png', 'json', 'html']);
    for (const r of renderers) {
      expect(r.optionsSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(typeof r.description).toBe('string');
    }
  });

  it('never imports tensorflow (directly or as tf from @visor/core)', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('renderersPlugin.test.ts')) files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(/@tensorflow/);
      expect(src, f).not.toMatch(/import\s*\{[^}]*\btf\b[^}]*\}\s*from\s*'@visor\/core'/);
    }
  });
});
