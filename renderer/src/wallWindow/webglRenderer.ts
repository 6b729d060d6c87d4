/**
 * The name of the WebGL renderer this page gets (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader
 * Device (Subzero) …), SwiftShader driver)"), from a throwaway context that is released at once;
 * null without WebGL. Read once per page: the wall asks before it creates its map.
 */
let cached: string | null | undefined;

export function webglRendererName(): string | null {
  if (cached !== undefined) return cached;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return (cached = null);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  cached = typeof name === 'string' ? name : null;
  return cached;
}
