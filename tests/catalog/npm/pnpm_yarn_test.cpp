#include "kaiyuan/catalog/npm/pnpm_lock.hpp"
#include "kaiyuan/catalog/npm/yarn_lock.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

using namespace kaiyuan;
using catalog::npm::parse_pnpm_lock;
using catalog::npm::parse_yarn_lock;
using T = model::RelationshipType;

namespace {

std::string fixture(const std::string& name) {
    return util::read_file(std::string(KAIYUAN_TEST_DATA) + "/catalog/npm/testdata/" + name)
        .value();
}

using EdgeSet = std::set<std::tuple<std::string, std::string, T>>;

EdgeSet edges(const catalog::CatalogResult& r) {
    std::map<std::string, std::string> name;
    for (const auto& c : r.components)
        name[c.id] = c.name + "@" + c.version;
    EdgeSet out;
    for (const auto& e : r.relationships)
        out.insert({name[e.from], name[e.to], e.type});
    return out;
}

const model::Component& by_name(const catalog::CatalogResult& r, const std::string& name) {
    for (const auto& c : r.components)
        if (c.name == name) return c;
    throw std::runtime_error("no component " + name);
}

std::string scope(const model::Component& c) {
    auto it = c.properties.find("kaiyuan:scope");
    return it == c.properties.end() ? "required" : it->second;
}

std::optional<std::string> shared(const std::string& rel) {
    std::string path = std::string(KAIYUAN_SHARED_DATA) + "/manifests/" + rel;
    if (!std::filesystem::exists(path)) return std::nullopt;
    return util::read_file(path).value();
}

} // namespace

TEST(PnpmLock, v6_single_project_peers_aliases_scopes_and_hashes) {
    auto r = parse_pnpm_lock(
        fixture("pnpm_v6_single.yaml"), {"pnpm-lock.yaml", "", 0},
        {{".", catalog::npm::parse_package_json(fixture("demo_package.json")).value()}});
    EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.at(0).message;
    ASSERT_EQ(r.components.size(), 6u);
    const auto& app = by_name(r, "demo-app");
    EXPECT_EQ(app.type, model::ComponentType::application);
    EXPECT_EQ(app.license_declared, "MulanPSL-2.0");
    const auto& lib = by_name(r, "@scope/lib");
    EXPECT_EQ(lib.purl, "pkg:npm/%40scope/lib@2.1.0");
    EXPECT_EQ(lib.hashes.at(0).algorithm, "SHA512");
    EXPECT_EQ(lib.locations.at(0).line, 21u);
    EXPECT_EQ(lib.properties.at("kaiyuan:direct"), "true");
    EXPECT_EQ(by_name(r, "left-pad").hashes.at(0).algorithm, "SHA1");
    EXPECT_EQ(by_name(r, "tester").properties.at("kaiyuan:npm:resolved"),
              "https://example.invalid/tester-5.0.1.tgz");
    EXPECT_EQ(scope(by_name(r, "tester")), "dev");
    EXPECT_EQ(scope(by_name(r, "left-pad")), "required"); // reached from lib too
    EXPECT_EQ(edges(r), (EdgeSet{
                            {"demo-app@1.0.0", "@scope/lib@2.1.0", T::depends_on},
                            {"demo-app@1.0.0", "string-width@4.2.3", T::depends_on}, // the alias
                            {"demo-app@1.0.0", "tester@5.0.1", T::dev_depends_on},
                            {"@scope/lib@2.1.0", "left-pad@1.3.0", T::depends_on},
                            {"@scope/lib@2.1.0", "react@18.2.0", T::depends_on},
                            {"tester@5.0.1", "left-pad@1.3.0", T::depends_on},
                        }));
}

TEST(PnpmLock, v9_workspace_snapshots_links_and_optional) {
    catalog::npm::ImporterManifests m;
    m["packages/app"].name = "@demo/app";
    m["packages/util"].name = "@demo/util";
    m["packages/util"].version = "0.1.0";
    auto r = parse_pnpm_lock(fixture("pnpm_v9_workspace.yaml"), {"repo/pnpm-lock.yaml", "", 0}, m);
    EXPECT_TRUE(r.diagnostics.empty());
    // 5 packages + 3 importers; the root is named after its directory without a manifest.
    ASSERT_EQ(r.components.size(), 8u);
    EXPECT_EQ(by_name(r, "repo").type, model::ComponentType::application);
    EXPECT_EQ(scope(by_name(r, "typescript")), "dev");
    EXPECT_EQ(scope(by_name(r, "fsevents")), "optional");
    EXPECT_EQ(scope(by_name(r, "debug")), "required");
    EXPECT_EQ(scope(by_name(r, "supports-color")), "optional");
    EXPECT_EQ(by_name(r, "debug").locations.at(0).line, 32u); // packages entry
    auto e = edges(r);
    EXPECT_TRUE(e.contains({"@demo/app@", "@demo/util@0.1.0", T::depends_on}));
    EXPECT_TRUE(e.contains({"@demo/app@", "debug@4.3.4", T::depends_on}));
    EXPECT_TRUE(e.contains({"debug@4.3.4", "ms@2.1.2", T::depends_on}));
    EXPECT_TRUE(e.contains({"debug@4.3.4", "supports-color@8.1.1", T::optional_depends_on}));
    EXPECT_TRUE(e.contains({"repo@", "@demo/app@", T::contains}));
}

TEST(PnpmLock, v5_keys) {
    auto r = parse_pnpm_lock(fixture("pnpm_v5.yaml"), {"pnpm-lock.yaml", "", 0});
    ASSERT_EQ(r.components.size(), 4u);
    EXPECT_EQ(by_name(r, "@types/node").purl, "pkg:npm/%40types/node@18.19.3");
    EXPECT_EQ(scope(by_name(r, "@types/node")), "dev");
    EXPECT_TRUE(edges(r).contains({"once@1.4.0", "wrappy@1.0.2", T::depends_on}));
}

TEST(PnpmLock, empty_not_this_format_and_malformed_files_say_why) {
    for (const char* text :
         {"", "name: x\n", "{\"lockfileVersion\": 3}", "lockfileVersion: '9.0'\npackages: [\n"}) {
        auto r = parse_pnpm_lock(text, {"pnpm-lock.yaml", "", 0});
        EXPECT_TRUE(r.components.empty()) << text;
        ASSERT_FALSE(r.diagnostics.empty()) << text;
        EXPECT_EQ(r.diagnostics[0].location.path, "pnpm-lock.yaml");
    }
    auto no_version =
        parse_pnpm_lock("lockfileVersion: '9.0'\npackages:\n  odd: {}\n", {"p", "", 0});
    ASSERT_EQ(no_version.diagnostics.size(), 1u);
    EXPECT_EQ(no_version.diagnostics[0].location.line, 3u);
}

TEST(PnpmLock, real_vue_core_lockfile_lists_every_package_and_importer) {
    auto text = shared("npm/vue-core/pnpm-lock.yaml");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = parse_pnpm_lock(*text, {"pnpm-lock.yaml", "", 0});
    // Oracle: yaml-cpp's reading of the same file, counted independently.
    auto doc = util::parse_yaml("zzz: &a 1\n" + *text).value();
    std::set<std::string> expected;
    for (const auto& [key, v] : doc.get("packages")->entries)
        expected.insert(key);
    std::size_t importers = doc.get("importers")->entries.size();
    EXPECT_EQ(r.components.size(), expected.size() + importers);
    EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].message;
    std::size_t with_hash = 0;
    for (const auto& c : r.components)
        with_hash += !c.hashes.empty();
    EXPECT_EQ(with_hash, expected.size());
    EXPECT_GT(r.relationships.size(), expected.size());
}

TEST(YarnLock, v1_specs_graph_and_project_scopes) {
    auto project = catalog::npm::parse_package_json(fixture("demo_package.json")).value();
    auto r = parse_yarn_lock(fixture("yarn_v1.lock"), {"yarn.lock", "", 0}, project);
    EXPECT_TRUE(r.diagnostics.empty());
    ASSERT_EQ(r.components.size(), 5u);
    EXPECT_EQ(by_name(r, "@scope/lib").locations.at(0).line, 5u);
    EXPECT_EQ(by_name(r, "@scope/lib").hashes.at(0).algorithm, "SHA512");
    EXPECT_EQ(scope(by_name(r, "tester")), "dev");
    EXPECT_EQ(scope(by_name(r, "fsevents")), "optional");
    EXPECT_EQ(scope(by_name(r, "left-pad")), "required");
    EXPECT_EQ(edges(r), (EdgeSet{
                            {"demo-app@1.0.0", "@scope/lib@2.1.0", T::depends_on},
                            {"demo-app@1.0.0", "tester@5.0.1", T::dev_depends_on},
                            {"@scope/lib@2.1.0", "left-pad@1.3.0", T::depends_on},
                            {"@scope/lib@2.1.0", "fsevents@2.3.3", T::optional_depends_on},
                            {"tester@5.0.1", "left-pad@1.3.0", T::depends_on},
                        }));
}

TEST(YarnLock, berry_workspace_root_and_manifest_scopes) {
    auto project = catalog::npm::parse_package_json(fixture("demo_package.json")).value();
    auto r = parse_yarn_lock(fixture("yarn_berry.lock"), {"yarn.lock", "", 0}, project);
    EXPECT_TRUE(r.diagnostics.empty());
    ASSERT_EQ(r.components.size(), 4u);
    const auto& app = by_name(r, "demo-app");
    EXPECT_EQ(app.type, model::ComponentType::application);
    EXPECT_EQ(app.supplier, "Demo Team <demo@example.invalid>");
    EXPECT_EQ(scope(by_name(r, "tester")), "dev");
    EXPECT_EQ(by_name(r, "left-pad").properties.at("kaiyuan:yarn:checksum"), "10c0/1111");
    EXPECT_TRUE(edges(r).contains({"demo-app@0.0.0-use.local", "tester@5.0.1", T::dev_depends_on}));
    // Without the manifest the workspace entry's own list is used, all as dependencies.
    auto alone = parse_yarn_lock(fixture("yarn_berry.lock"), {"yarn.lock", "", 0});
    EXPECT_TRUE(edges(alone).contains({"demo-app@0.0.0-use.local", "tester@5.0.1", T::depends_on}));
}

TEST(YarnLock, empty_and_not_this_format) {
    EXPECT_TRUE(parse_yarn_lock("", {"yarn.lock", "", 0}).components.empty());
    auto r = parse_yarn_lock("this is not\na lockfile\n", {"yarn.lock", "", 0});
    EXPECT_TRUE(r.components.empty());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("line 1"), std::string::npos);
    auto berry =
        parse_yarn_lock("__metadata:\n  version: 8\n\"a@npm:1\": [\n", {"yarn.lock", "", 0});
    EXPECT_TRUE(berry.components.empty());
    EXPECT_EQ(berry.diagnostics.size(), 1u);
}

TEST(YarnLock, berry_entries_without_a_spec_are_named_or_skipped) {
    // Found by the npm_yarn_lock fuzz target: an entry keyed "" read its first spec of none.
    auto r = parse_yarn_lock("__metadata:\n  version: 8\n\n"
                             "\"\":\n  languageName: node\n\n"
                             "\"b@npm:1\":\n  version: 1.0.0\n  resolution: \"b@npm:1.0.0\"\n",
                             {"yarn.lock", "", 0});
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].name, "b");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("without a package spec or resolution; skipped"),
              std::string::npos);
    // Keyed "" but resolved, and without a version: listed, and the warning names it.
    r = parse_yarn_lock("__metadata:\n  version: 8\n\n\"\":\n  resolution: \"d@npm:2.0.0\"\n",
                        {"yarn.lock", "", 0});
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].name, "d");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("entry 'd' has no version"), std::string::npos);
}

TEST(YarnLock, real_lockfiles_list_every_entry) {
    for (const char* project : {"webpack", "prettier"}) {
        auto text = shared(std::string("npm/") + project + "/yarn.lock");
        auto manifest = shared(std::string("npm/") + project + "/package.json");
        if (!text || !manifest) GTEST_SKIP() << "../shared/data/manifests absent";
        auto r = parse_yarn_lock(*text, {"yarn.lock", "", 0},
                                 catalog::npm::parse_package_json(*manifest).value());
        // Oracle: every entry (a line at column 0 ending in ':') has a version line and, in
        // berry, a resolution line naming the package (aliases resolve to the real name);
        // entries of one name@version (berry's patched copies) are one package.
        std::set<std::string> keys;
        std::string name, version;
        auto flush = [&] {
            if (!name.empty() && name != "__metadata") keys.insert(name + "@" + version);
        };
        auto field = [](std::string_view line, std::size_t at) {
            std::string_view v = util::trim(line.substr(at));
            if (v.starts_with(':')) v = util::trim(v.substr(1));
            if (v.starts_with('"')) v = v.substr(1, v.size() - 2);
            return v;
        };
        for (auto line : util::split(*text, '\n')) {
            if (!line.empty() && line[0] != ' ' && line[0] != '#' && line.ends_with(":")) {
                flush();
                std::string_view key = line.substr(line[0] == '"' ? 1 : 0);
                key.remove_suffix(1); // the ':'

                name = std::string(key.substr(0, key.find('@', 1)));
            } else if (line.starts_with("  version")) {
                version = std::string(field(line, 9));
            } else if (line.starts_with("  resolution:")) {
                auto res = field(line, 12);
                name = std::string(res.substr(0, res.find('@', 1)));
            }
        }
        flush();
        bool has_workspace_entry = text->find("@workspace:.\"") != std::string::npos;
        EXPECT_EQ(r.components.size(), keys.size() + (has_workspace_entry ? 0 : 1)) << project;
        EXPECT_TRUE(r.diagnostics.empty()) << project << ": " << r.diagnostics[0].message;
        std::size_t dev = 0;
        for (const auto& c : r.components)
            dev += scope(c) == "dev";
        EXPECT_GT(dev, 0u) << project;
    }
}
