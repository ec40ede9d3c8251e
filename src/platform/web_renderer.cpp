// WebGL2 renderer for Dear ImGui's draw data; see web_renderer.hpp for why it exists.
#include "web_renderer.hpp"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "imgui.h"

namespace mlwb::web::renderer {

namespace {

// The atlas is one channel (coverage); colour comes from the vertices. Dear ImGui's own
// backend converts the atlas to RGBA first, four times the bytes to build and upload.
constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 u_scale;
uniform vec2 u_offset;
in vec2 a_position;
in vec2 a_uv;
in vec4 a_color;
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_position * u_scale + u_offset, 0.0, 1.0);
})";

constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_atlas;
in vec2 v_uv;
in vec4 v_color;
out vec4 out_color;
void main() {
    out_color = vec4(v_color.rgb, v_color.a * texture(u_atlas, v_uv).r);
})";

enum Attribute : GLuint { kPosition = 0, kUv = 1, kColor = 2 };

struct Renderer {
    GLuint program = 0, vertex_shader = 0, fragment_shader = 0;
    GLuint vertex_array = 0, vertex_buffer = 0, index_buffer = 0, atlas = 0;
    GLint u_scale = -1, u_offset = -1;
    bool checked = false;  // shaders' compile and link status read (once: it waits for the GPU process)
    std::string error;
    // One upload per frame for all draw lists: fewer WebGL calls than one per list.
    std::vector<ImDrawVert> vertices;
    std::vector<ImDrawIdx> indices;
};

Renderer g;

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

std::string info_log(GLuint object, bool is_program) {
    GLint length = 0;
    if (is_program) glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length);
    else glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    std::string log(length > 0 ? static_cast<std::size_t>(length) : 0, '\0');
    if (length > 0) {
        if (is_program) glGetProgramInfoLog(object, length, nullptr, log.data());
        else glGetShaderInfoLog(object, length, nullptr, log.data());
    }
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    return log;
}

// The first status read blocks until the GPU process has compiled and linked; by the first
// draw that work has run beside the font atlas build.
bool check_program() {
    g.checked = true;
    GLint linked = GL_FALSE;
    glGetProgramiv(g.program, GL_LINK_STATUS, &linked);
    if (linked == GL_TRUE) {
        g.u_scale = glGetUniformLocation(g.program, "u_scale");
        g.u_offset = glGetUniformLocation(g.program, "u_offset");
        glUseProgram(g.program);
        glUniform1i(glGetUniformLocation(g.program, "u_atlas"), 0);
        return true;
    }
    g.error = "The graphics shaders did not compile: " + info_log(g.vertex_shader, false) + " " +
              info_log(g.fragment_shader, false) + " " + info_log(g.program, true);
    return false;
}

void point_attributes(std::size_t first_vertex) {
    const auto base = reinterpret_cast<const char*>(first_vertex * sizeof(ImDrawVert));
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), base + offsetof(ImDrawVert, pos));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), base + offsetof(ImDrawVert, uv));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), base + offsetof(ImDrawVert, col));
}

}  // namespace

bool init() {
    g.vertex_shader = compile(GL_VERTEX_SHADER, kVertexShader);
    g.fragment_shader = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    g.program = glCreateProgram();
    glAttachShader(g.program, g.vertex_shader);
    glAttachShader(g.program, g.fragment_shader);
    glBindAttribLocation(g.program, kPosition, "a_position");
    glBindAttribLocation(g.program, kUv, "a_uv");
    glBindAttribLocation(g.program, kColor, "a_color");
    glLinkProgram(g.program);
    glFlush();  // hand the compile to the GPU process now

    glGenVertexArrays(1, &g.vertex_array);
    glGenBuffers(1, &g.vertex_buffer);
    glGenBuffers(1, &g.index_buffer);
    if (g.program == 0 || g.vertex_array == 0 || g.vertex_buffer == 0 || g.index_buffer == 0) {
        g.error = "The graphics context could not create its buffers.";
        return false;
    }
    glBindVertexArray(g.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, g.vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.index_buffer);  // part of the vertex array's state
    glEnableVertexAttribArray(kPosition);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColor);

    // State that never changes: nothing else draws into this context.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glActiveTexture(GL_TEXTURE0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "mlwb_webgl2";
    // Draw lists past 65,536 vertices (long plotted series) keep 16-bit indices and move the
    // attribute base instead, since WebGL2 has no base-vertex draw.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void upload_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    if (g.atlas == 0) glGenTextures(1, &g.atlas);
    glBindTexture(GL_TEXTURE_2D, g.atlas);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g.atlas)));
    io.Fonts->ClearTexData();  // the GPU has it; the atlas's glyph tables stay
}

bool render(const ImDrawData& data, int fb_width, int fb_height, const float clear_rgb[3]) {
    glViewport(0, 0, fb_width, fb_height);
    glDisable(GL_SCISSOR_TEST);  // a clear is clipped by the scissor box too
    glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!g.checked && !check_program()) return false;
    if (!g.error.empty()) return false;
    if (fb_width <= 0 || fb_height <= 0 || data.TotalVtxCount == 0) return true;

    g.vertices.clear();
    g.indices.clear();
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        g.vertices.insert(g.vertices.end(), list.VtxBuffer.Data, list.VtxBuffer.Data + list.VtxBuffer.Size);
        g.indices.insert(g.indices.end(), list.IdxBuffer.Data, list.IdxBuffer.Data + list.IdxBuffer.Size);
    }
    glBindVertexArray(g.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, g.vertex_buffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(g.vertices.size() * sizeof(ImDrawVert)), g.vertices.data(), GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(g.indices.size() * sizeof(ImDrawIdx)), g.indices.data(), GL_STREAM_DRAW);

    // Dear ImGui's orthographic projection of its display rectangle, as scale and offset.
    const float left = data.DisplayPos.x, right = data.DisplayPos.x + data.DisplaySize.x;
    const float top = data.DisplayPos.y, bottom = data.DisplayPos.y + data.DisplaySize.y;
    glUseProgram(g.program);
    glUniform2f(g.u_scale, 2.0f / (right - left), 2.0f / (top - bottom));
    glUniform2f(g.u_offset, (right + left) / (left - right), (top + bottom) / (bottom - top));
    glEnable(GL_SCISSOR_TEST);

    const ImVec2 clip_origin = data.DisplayPos, clip_scale = data.FramebufferScale;
    std::size_t list_vertex = 0, list_index = 0;
    GLuint bound_texture = g.atlas;
    glBindTexture(GL_TEXTURE_2D, bound_texture);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        std::size_t pointed_vertex = static_cast<std::size_t>(-1);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback != nullptr) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(&list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - clip_origin.x) * clip_scale.x, y0 = (cmd.ClipRect.y - clip_origin.y) * clip_scale.y;
            const float x1 = (cmd.ClipRect.z - clip_origin.x) * clip_scale.x, y1 = (cmd.ClipRect.w - clip_origin.y) * clip_scale.y;
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            if (list_vertex + cmd.VtxOffset != pointed_vertex) {
                pointed_vertex = list_vertex + cmd.VtxOffset;
                point_attributes(pointed_vertex);
            }
            const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != bound_texture) glBindTexture(GL_TEXTURE_2D, bound_texture = texture);
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(fb_height) - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>((list_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
        list_vertex += static_cast<std::size_t>(list.VtxBuffer.Size);
        list_index += static_cast<std::size_t>(list.IdxBuffer.Size);
    }
    return true;
}

const std::string& error() { return g.error; }

}  // namespace mlwb::web::renderer
