#include "kaiyuan/format/json_out.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using kaiyuan::format::JsonOut;

// The streaming writer must produce exactly what nlohmann's dump(2) does for the same document,
// escapes included, so output stays valid and stable whichever writer made it.
TEST(JsonOut, same_bytes_as_nlohmann_dump) {
    std::string weird =
        std::string("quote\" backslash\\ tab\t nl\n cr\r bell\x07 nul") + '\0' + " 开源 é";
    std::string out;
    JsonOut j(out);
    j.begin_object();
    j.field("s", weird).field("n", std::int64_t{-42}).field("t", true);
    j.key("empty_object").begin_object().end_object();
    j.key("empty_array").begin_array().end_array();
    j.key("nested")
        .begin_array()
        .begin_object()
        .field("a", "b")
        .end_object()
        .value("x")
        .end_array();
    j.end_object();
    nlohmann::ordered_json ref = {{"s", weird},
                                  {"n", -42},
                                  {"t", true},
                                  {"empty_object", nlohmann::ordered_json::object()},
                                  {"empty_array", nlohmann::ordered_json::array()},
                                  {"nested", {{{"a", "b"}}, "x"}}};
    EXPECT_EQ(out, ref.dump(2));
    EXPECT_EQ(nlohmann::ordered_json::parse(out)["s"], weird);
}

TEST(JsonOut, invalid_utf8_becomes_replacement_character) {
    std::string out;
    JsonOut(out).value(std::string_view("a\xFF"
                                        "b"));
    EXPECT_EQ(out, "\"a\xEF\xBF\xBD"
                   "b\"");
}
