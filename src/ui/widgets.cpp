#include "widgets.hpp"

#include "fonts.hpp"
#include "imgui.h"
#include "theme.hpp"

namespace mlwb::ui {

namespace {
constexpr float kCardPadding = 14.0f;
ImVec4 g_card_background;  // of the card being built (cards do not nest)
}

void begin_card() { begin_card(palette().card_bg); }

void begin_card(const ImVec4& background) {
    g_card_background = background;
    // Content goes on channel 1; end_card draws the background on channel 0, behind it, once
    // the content's size is known.
    ImGui::GetWindowDrawList()->ChannelsSplit(2);
    ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
    ImGui::Dummy(ImVec2(0, kCardPadding - ImGui::GetStyle().ItemSpacing.y));
    // Wrap text inside the card's right padding, so the card never grows past its column.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - kCardPadding);
    ImGui::Indent(kCardPadding);
    ImGui::BeginGroup();
}

void end_card() {
    ImGui::EndGroup();
    ImGui::Unindent(kCardPadding);
    ImGui::PopTextWrapPos();
    const ImVec2 content_max = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    const float left = ImGui::GetCursorScreenPos().x;
    const float right = left + ImGui::GetContentRegionAvail().x;
    const float top = ImGui::GetItemRectMin().y - kCardPadding;
    const ImVec2 min(left, top);
    const ImVec2 max(right > content_max.x + kCardPadding ? right : content_max.x + kCardPadding, content_max.y + kCardPadding);
    const float rounding = ImGui::GetStyle().ChildRounding;
    dl->AddRectFilled(min, max, ImGui::GetColorU32(g_card_background), rounding);
    dl->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), rounding);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, kCardPadding));
}

float field_column() { return ImGui::GetFontSize() * 9.5f; }

void field_label(const char* label, const char* help) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
    ImGui::SameLine(field_column());
}

void muted_text(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void error_text(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace mlwb::ui

namespace mlwb::ui {

namespace {
int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}
}  // namespace

bool input_string(const char* label, std::string& text, const char* hint) {
    return ImGui::InputTextWithHint(label, hint ? hint : "", text.data(), text.capacity() + 1, ImGuiInputTextFlags_CallbackResize,
                                    resize_string, &text);
}

bool input_string_multiline(const char* label, std::string& text, ImVec2 size) {
    return ImGui::InputTextMultiline(label, text.data(), text.capacity() + 1, size, ImGuiInputTextFlags_CallbackResize,
                                     resize_string, &text);
}

void formula_step(const std::string& label, const std::string& text) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopFont();
    ImGui::Indent();
    ImGui::PushFont(fonts().mono);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
    ImGui::Unindent();
}

}  // namespace mlwb::ui
