// A Dear ImGui context with no window and no renderer (the ImPlot smoke-test idea): frames are
// built and their draw lists produced, so panels can be driven and checked natively.
#pragma once

#include "app_ui.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "input_queue.hpp"

struct HeadlessImGui {
    HeadlessImGui(float width = 1000, float height = 700) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        mlwb::ui::configure_key_map(io);
        mlwb::ui::load_fonts(2.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame of the app; returns the number of vertices drawn (0 would mean nothing shown).
    int frame(mlwb::ui::UiModel& m) {
        queue.apply_frame(ImGui::GetIO());
        ImGui::NewFrame();
        mlwb::ui::draw_app(m);
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    }

    void frames(mlwb::ui::UiModel& m, int count) {
        for (int i = 0; i < count; ++i) frame(m);
    }

    // Queue input as the browser layer would (DOM keyCodes); nothing happens until frames run.
    void key_tap(int key_code) { queue.push_key_tap(key_code); }
    void type(const char* utf8) {
        mlwb::ui::InputEvent e;
        e.kind = mlwb::ui::InputKind::Text;
        e.text = utf8;
        queue.push(e);
    }
    void click(float x, float y) {
        mlwb::ui::InputEvent e;
        e.kind = mlwb::ui::InputKind::MouseMove;
        e.x = x;
        e.y = y;
        queue.push(e);
        e.kind = mlwb::ui::InputKind::MouseButton;
        e.code = 0;
        e.down = true;
        queue.push(e);
        e.down = false;
        queue.push(e);
    }

    mlwb::ui::InputQueue queue;
};
