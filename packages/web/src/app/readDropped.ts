import type { FileBytes } from '../protocol.js';

/** Every file of a FileSystemEntry, folders walked, named by its path below the dropped item. */
async function filesOf(entry: FileSystemEntry, prefix: string): Promise<{ name: string; file: File }[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ name: prefix + entry.name, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries returns at most 100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  const nested = await Promise.all(entries.map((e) => filesOf(e, `${prefix}${entry.name}/`)));
  return nested.flat();
}

/** The files of a drop (folders included, walked), with their bytes. */
export async function readDropped(data: DataTransfer): Promise<FileBytes[]> {
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => e != null);
  const files =
    entries.length > 0 ? (await Promise.all(entries.map((e) => filesOf(e, '')))).flat() : [...data.files].map((file) => ({ name: file.name, file }));
  return readFiles(files);
}

/** Files picked with an <input type="file"> (a folder picker gives `webkitRelativePath`). */
export function readPicked(list: FileList): Promise<FileBytes[]> {
  return readFiles([...list].map((file) => ({ name: file.webkitRelativePath || file.name, file })));
}

async function readFiles(files: { name: string; file: File }[]): Promise<FileBytes[]> {
  return Promise.all(files.map(async ({ name, file }) => ({ name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
