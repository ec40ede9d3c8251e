// Draws Dear ImGui's draw lists with WebGL2 (OpenGL ES 3.0 through Emscripten).
//
// Why not Dear ImGui's own OpenGL3 backend: it saves and restores about twenty pieces of GL
// state every frame, and in a browser several of those reads (blend functions, the viewport,
// the scissor box) are synchronous round trips to the GPU process, each waiting for all work
// queued before it. That cost 3-4 ms of a frame whose UI took 0.3 ms (bench/frames.mjs).
// The app owns its context, so this renderer sets its state once and never reads any back; it
// also checks the shaders only at the first draw, so they compile while the fonts are built.
#pragma once

#include <string>

struct ImDrawData;

namespace mlwb::web::renderer {

// Creates the program, buffers and vertex array (the shaders start compiling now). False, with
// the reason in error(), only if the context cannot create them.
bool init();

// Uploads the font atlas (built by ui::load_fonts) as a one-channel texture; called again
// whenever the fonts are rebuilt (a change of pixel ratio).
void upload_fonts();

// Clears to the colour and draws the frame. False, with the reason in error(), when the
// shaders failed to compile or link (checked once, at the first call).
bool render(const ImDrawData& data, int framebuffer_width, int framebuffer_height, const float clear_rgb[3]);

const std::string& error();

}  // namespace mlwb::web::renderer
