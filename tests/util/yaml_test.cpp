#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace kaiyuan;
using util::YamlNode;

namespace {

// The same tree, compared field by field (lines included).
void expect_same(const YamlNode& a, const YamlNode& b, const std::string& where) {
    ASSERT_EQ(a.kind, b.kind) << where;
    EXPECT_EQ(a.value, b.value) << where;
    EXPECT_EQ(a.line, b.line) << where;
    ASSERT_EQ(a.entries.size(), b.entries.size()) << where;
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        EXPECT_EQ(a.entries[i].first, b.entries[i].first) << where;
        expect_same(a.entries[i].second, b.entries[i].second, where + "/" + a.entries[i].first);
    }
    ASSERT_EQ(a.items.size(), b.items.size()) << where;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        expect_same(a.items[i], b.items[i], where + "[" + std::to_string(i) + "]");
}

// parse_yaml on text the subset reader refuses goes through yaml-cpp; this forces the same
// text through yaml-cpp by adding an anchor the subset reader does not take.
Result<YamlNode> via_yaml_cpp(const std::string& text) {
    return util::parse_yaml("zzz_anchor: &a 1\n" + text);
}

} // namespace

TEST(Yaml, block_mappings_sequences_flow_and_quotes) {
    auto doc =
        util::parse_yaml_subset("a: 1\n"
                                "'b c': \"x\\u00e9\\\"y\"\n"
                                "list:\n"
                                "  - one\n"
                                "  - k: v\n"
                                "    k2: v2\n"
                                "same_indent:\n"
                                "- x # comment\n"
                                "flow: {integrity: sha512-AB+/==, os: [darwin, linux], e: {}}\n"
                                "empty:\n"
                                "url: https://x.invalid/a#b\n"
                                "single: 'it''s'\n");
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->str("a"), "1");
    EXPECT_EQ(doc->str("b c"), "x\xC3\xA9\"y");
    const YamlNode* list = doc->get("list");
    ASSERT_EQ(list->items.size(), 2u);
    EXPECT_EQ(list->items[0].value, "one");
    EXPECT_EQ(list->items[1].str("k2"), "v2");
    EXPECT_EQ(doc->get("same_indent")->items.at(0).value, "x");
    const YamlNode* flow = doc->get("flow");
    EXPECT_EQ(flow->str("integrity"), "sha512-AB+/==");
    EXPECT_EQ(flow->get("os")->items.at(1).value, "linux");
    EXPECT_EQ(doc->get("empty")->kind, YamlNode::Kind::null);
    EXPECT_EQ(doc->str("url"), "https://x.invalid/a#b");
    EXPECT_EQ(doc->str("single"), "it's");
    EXPECT_EQ(doc->get("url")->line, 11u);
}

TEST(Yaml, subset_refuses_what_it_does_not_read_and_parse_yaml_falls_back) {
    for (const char* text :
         {"a: &x 1\nb: *x\n", "- |\n  text\n", "a: !!str 1\n", "? complex\n: key\n"}) {
        auto subset = util::parse_yaml_subset(text);
        ASSERT_FALSE(subset) << text;
        EXPECT_TRUE(subset.error().message.starts_with("unsupported")) << subset.error().message;
        auto full = util::parse_yaml(text);
        EXPECT_TRUE(full) << text << ": " << full.error().message;
    }
    auto alias = util::parse_yaml("a: &x 1\nb: *x\n");
    EXPECT_EQ(alias->str("b"), "1");
    auto block = util::parse_yaml("- |\n  text\n");
    EXPECT_EQ(block->items.at(0).value, "text\n");
}

/// parse_yaml_subset(text) and yaml-cpp give the same tree, lines included.
void expect_subset_agrees(const std::string& text, const std::string& where) {
    auto fast = util::parse_yaml_subset(text);
    ASSERT_TRUE(fast) << where << ": " << fast.error().message;
    auto slow = via_yaml_cpp(text);
    ASSERT_TRUE(slow) << where << ": " << slow.error().message;
    YamlNode without_anchor = *slow;
    without_anchor.entries.erase(without_anchor.entries.begin());
    // yaml-cpp counts lines after the added one; shift back.
    std::function<void(YamlNode&)> shift = [&](YamlNode& n) {
        n.line -= 1;
        for (auto& [k, v] : n.entries)
            shift(v);
        for (auto& i : n.items)
            shift(i);
    };
    // yaml-cpp 0.7 writes the escape "\_" (U+00A0, YAML 1.2.2 5.7) as the single byte 0xA0,
    // which is not UTF-8; kaiyuan follows the specification. Compare on the specified form.
    std::function<void(YamlNode&)> nbsp = [&](YamlNode& n) {
        for (std::size_t p = 0; (p = n.value.find('\xA0', p)) != std::string::npos; p += 2)
            if (p == 0 || n.value[p - 1] != '\xC2') n.value.insert(p++, 1, '\xC2');
        for (auto& [k, v] : n.entries)
            nbsp(v);
        for (auto& i : n.items)
            nbsp(i);
    };
    shift(without_anchor);
    nbsp(without_anchor);
    without_anchor.line = fast->line; // the document node itself has no line of its own
    expect_same(*fast, without_anchor, where);
}

TEST(Yaml, multi_line_scalars_read_as_yaml_cpp_reads_them) {
    // Block scalars (literal, folded, chomping, explicit indentation, blank and more-indented
    // lines), plain and quoted scalars folded over lines (YAML 1.2.2 sections 6.5, 7.3, 8.1).
    const char* cases[] = {
        "a: |\n  one\n  two\n\n  three\nb: x\n",
        "a: |-\n  one\n  two\n\n\nb: x\n",
        "a: |+\n  one\n\n\nb: x\n",
        "a: >\n  folded\n  text\n\n  para\n    more indented\n  back\nb: x\n",
        "a: >-\n  x\n  y\n",
        "a: |2\n    indented\n   by three\nb: x\n",
        "a: | # comment\n  # not a comment\n  x: y\n",
        "a:\n  b: |\n    deep\n      deeper\n  c: d\n",
        "a: |\nb: empty\n",
        "a: plain\n  continued\n  again\n\n  after blank\nb: x\n",
        "a: 'single\n  quoted '' continued\n\n  para'\nb: x\n",
        "a: \"double\n  quoted \\\"x\\\" \\\n  joined\"\nb: x\n",
        "details: \"line one\\nline two \\_ nbsp\"\n",
        "l:\n- k: |\n    in a sequence item\n  j: 2\n",
    };
    for (const char* text : cases)
        expect_subset_agrees(text, text);
}

TEST(Yaml, malformed_input_names_the_line) {
    auto r = util::parse_yaml("a: 1\nb: [unclosed, x\nc: 2\n");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("line"), std::string::npos) << r.error().message;
    auto deep = util::parse_yaml(std::string(100000, '[') + "\n");
    EXPECT_FALSE(deep);
    auto dashes =
        util::parse_yaml(std::string(20000, '-').replace(1, 19998, std::string(19998, ' ')));
    (void)dashes; // must not crash, whatever it returns
    std::string seqs;
    for (int i = 0; i < 5000; ++i)
        seqs += "- ";
    EXPECT_FALSE(util::parse_yaml(seqs + "x\n&a b: *c\n"));
}

TEST(Yaml, subset_reader_agrees_with_yaml_cpp_on_real_lockfiles) {
    std::vector<std::string> files = {
        std::string(KAIYUAN_TEST_DATA) + "/catalog/npm/testdata/pnpm_v9_workspace.yaml",
        std::string(KAIYUAN_TEST_DATA) + "/catalog/npm/testdata/pnpm_v6_single.yaml",
        std::string(KAIYUAN_TEST_DATA) + "/catalog/npm/testdata/yarn_berry.lock"};
    for (const char* shared :
         {"/manifests/npm/vue-core/pnpm-lock.yaml", "/manifests/npm/prettier/yarn.lock",
          "/manifests/npm/vue-core/pnpm-workspace.yaml"}) {
        std::string path = std::string(KAIYUAN_SHARED_DATA) + shared;
        if (std::filesystem::exists(path))
            files.push_back(path);
        else
            std::cerr << "skipped: " << path << " absent (../shared/data not present)\n";
    }
    for (const auto& path : files)
        expect_subset_agrees(util::read_file(path).value(), path);
}

TEST(Yaml, subset_reader_agrees_with_yaml_cpp_on_every_osv_yaml_record) {
    // The PyPA and OSS-Fuzz advisory databases keep OSV records as YAML with multi-line
    // details; every record the subset reader takes must read exactly as yaml-cpp reads it.
    std::size_t files = 0, taken = 0;
    for (const char* dir : {"/osv/pypa", "/osv/oss-fuzz"}) {
        std::string root = std::string(KAIYUAN_SHARED_DATA) + dir;
        if (!std::filesystem::exists(root)) {
            std::cerr << "skipped: " << root << " absent (../shared/data not present)\n";
            continue;
        }
        for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
            if (e.path().extension() != ".yaml") continue;
            std::string text = util::read_file(e.path().string()).value();
            ++files;
            if (!util::parse_yaml_subset(text)) continue;
            ++taken;
            expect_subset_agrees(text, e.path().string());
            if (HasFatalFailure()) return;
        }
    }
    std::cerr << taken << " of " << files << " OSV YAML records read by the subset reader\n";
    if (files) {
        EXPECT_GT(taken, files * 99 / 100);
    }
}
