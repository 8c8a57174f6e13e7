// The build writes the list of the viewer's chunks into index.html as inert JSON under this
// element id (build/viewerChunkList.ts) and the viewer reads it back
// (src/features/viewer/viewerChunks.ts): one name, so the two cannot drift apart.

export const VIEWER_CHUNKS_ELEMENT_ID = 'drim-viewer-chunks';
