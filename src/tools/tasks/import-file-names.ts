// The names the file import is known by: the server's transports name it in their too-large answers,
// and those load at every start, while the tool itself (import-file.ts) loads only when it is served.
export const IMPORT_TOOL = 'import_saved_objects';
export const FILE_IMPORT_TOOL = 'import_saved_objects_file';
