// @conflux/artifact: the artifact protocol between source-controller and its consumers.
// Producers build deterministic tar.gz archives (archive.ts) filtered by upstream's ignore rules
// (ignore.ts), store them atomically under `<kind>/<namespace>/<name>/<file>` and collect old ones
// (storage.ts, gc.ts). Consumers download by URL, verify the digest over the exact bytes, and extract
// with protection against path traversal, links and excessive size (fetch.ts, extract.ts). Every failure
// is an ArtifactError with a stable code (errors.ts). Only Node's standard library is used.
export {
  archiveDirectory,
  archiveFiles,
  type ArchiveOptions,
  defaultDirMode,
  defaultExecFileMode,
  defaultFileMode,
  directoryEntries,
  type MemoryArchiveOptions,
  type MemoryFile,
  memoryEntries,
  normaliseMode,
  tarGz,
} from './archive.ts';
export { atomicSymlink, atomicWriteFile, type AtomicWriteOptions, isTempFile, tempFilePrefix } from './atomic-write.ts';
export {
  assertDigest,
  createDigester,
  defaultDigestAlgorithm,
  DigestAlgorithm,
  digestAlgorithmOf,
  type Digester,
  digestOf,
  digestOfFile,
  digestsEqual,
  formatDigest,
  parseDigest,
  type ParsedDigest,
} from './digest.ts';
export { ArtifactError, ArtifactErrorCode, isArtifactError } from './errors.ts';
export { defaultMaxEntries, defaultMaxUntarSize, type ExtractOptions, type ExtractResult, extractTarGz, safeEntrySegments, type TarGzSource } from './extract.ts';
export { defaultFetchRetries, defaultMaxDownloadSize, type DownloadedArtifact, downloadArtifact, type DownloadOptions, fetchArtifact } from './fetch.ts';
export { defaultRetentionRecords, defaultRetentionTTLMs, garbageCollectTimeoutMs, garbageCountLimit, type RetentionPolicy, selectGarbage, type StoredFile } from './gc.ts';
export {
  defaultPatterns,
  excludeCI,
  excludeExt,
  excludeExtra,
  excludeVCS,
  type IgnoreFilter,
  ignoreFileName,
  ignoreMatcher,
  type IgnorePattern,
  ignorePatternsFromFiles,
  loadIgnorePatterns,
  parseIgnorePattern,
  parseIgnorePatterns,
  patternMatches,
  sourceIgnoreFilter,
  vcsPatterns,
} from './ignore.ts';
export { KeyedMutex } from './lock.ts';
export { assertNoSymlinkBetween, assertSafeSegment, safeSegments, secureJoin } from './secure-path.ts';
export { type ArtifactLocation, ArtifactStorage, type GarbageCollectOptions, openStorage, type StorageOptions } from './storage.ts';
export { type TarDirectory, type TarEntry, type TarFile } from './tar/writer.ts';
export { advertisedStorageAddress, artifactURL } from './url.ts';
