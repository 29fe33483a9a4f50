import type { FileBytes } from '../protocol.js';

/** What the app's `demo/index.json` lists (written at build time from examples/demo by the Vite config). */
export interface DemoIndex {
  models: { name: string; description: string; files: string[] }[];
  images: string[];
  /** The images' ground-truth masks (`images/masks/<name>.mask.png`). */
  masks: string[];
  labels: string;
  preprocess: string;
}

const url = (path: string) => new URL(`demo/${path}`, document.baseURI).href;

async function bytesOf(path: string): Promise<Uint8Array> {
  const response = await fetch(url(path));
  if (!response.ok) throw new Error(`demo/${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function demoIndex(): Promise<DemoIndex> {
  return JSON.parse(new TextDecoder().decode(await bytesOf('index.json'))) as DemoIndex;
}

/** The demo files under `demo/` (a model's model.json and shard, images), named by their path there. */
export async function demoFiles(paths: string[]): Promise<FileBytes[]> {
  return Promise.all(paths.map(async (name) => ({ name, bytes: await bytesOf(name) })));
}

export async function demoText(path: string): Promise<string> {
  return new TextDecoder().decode(await bytesOf(path));
}
