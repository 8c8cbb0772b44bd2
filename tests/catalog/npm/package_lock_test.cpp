#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

using namespace kaiyuan;
using catalog::npm::parse_package_lock;

namespace {
std::string fixture(const std::string& name) {
    return util::read_file(std::string(KAIYUAN_TEST_DATA) + "/catalog/npm/testdata/" + name)
        .value();
}

std::set<std::tuple<std::string, std::string, model::RelationshipType>>
edges(const catalog::CatalogResult& r) {
    std::map<std::string, std::string> name;
    for (const auto& c : r.components)
        name[c.id] = c.name + "@" + c.version;
    std::set<std::tuple<std::string, std::string, model::RelationshipType>> out;
    for (const auto& e : r.relationships)
        out.insert({name[e.from], name[e.to], e.type});
    return out;
}
} // namespace

TEST(PackageLock, v3_nested_resolution_scopes_licenses_and_lines) {
    auto r = parse_package_lock(fixture("lockfile_v3_nested.json"), {"package-lock.json", "", 0});
    EXPECT_TRUE(r.diagnostics.empty());
    ASSERT_EQ(r.components.size(), 5u);
    const auto& app = r.components[0];
    EXPECT_EQ(app.type, model::ComponentType::application);
    EXPECT_EQ(app.license_declared, "MulanPSL-2.0");
    const auto& lib = r.components[1];
    EXPECT_EQ(lib.purl, "pkg:npm/%40scope/lib@2.1.0");
    EXPECT_EQ(lib.license_declared, "MIT OR Apache-2.0");
    ASSERT_EQ(lib.hashes.size(), 1u);
    EXPECT_EQ(lib.hashes[0].algorithm, "SHA512");
    EXPECT_EQ(lib.hashes[0].value, std::string(128, '0'));
    EXPECT_EQ(lib.locations[0].line, 19u);
    EXPECT_EQ(r.components[4].properties.at("kaiyuan:scope"), "dev");
    using T = model::RelationshipType;
    EXPECT_EQ(edges(r),
              (std::set<std::tuple<std::string, std::string, T>>{
                  {"demo-app@1.0.0", "@scope/lib@2.1.0", T::depends_on},
                  {"demo-app@1.0.0", "left-pad@1.3.0", T::depends_on},
                  {"demo-app@1.0.0", "tester@5.0.1", T::dev_depends_on},
                  {"@scope/lib@2.1.0", "left-pad@1.0.2", T::depends_on}, // its own nested copy
                  {"tester@5.0.1", "left-pad@1.3.0", T::depends_on},     // the top-level one
              }));
}

TEST(PackageLock, v1_nested_dependencies) {
    auto r = parse_package_lock(fixture("lockfile_v1.json"), {"package-lock.json", "", 0});
    ASSERT_EQ(r.components.size(), 4u);
    EXPECT_EQ(r.components[1].hashes.at(0).algorithm, "SHA1");
    EXPECT_TRUE(
        edges(r).contains({"debug@2.6.9", "ms@2.0.0", model::RelationshipType::depends_on}));
}

TEST(PackageLock, empty_not_a_lockfile_and_truncated_are_diagnostics) {
    for (const char* name : {"empty.json", "not_a_lockfile.json", "truncated.json"}) {
        auto r = parse_package_lock(fixture(name), {name, "", 0});
        EXPECT_TRUE(r.components.empty()) << name;
        ASSERT_EQ(r.diagnostics.size(), 1u) << name;
        EXPECT_EQ(r.diagnostics[0].location.path, name);
    }
}

TEST(PackageLock, real_lockfiles) {
    std::string dir = std::string(KAIYUAN_SHARED_DATA) + "/manifests/npm";
    if (!std::filesystem::exists(dir))
        GTEST_SKIP() << "../shared/data is absent: real lockfiles not checked";
    // Expected counts: the distinct name@version pairs under node_modules, plus the project.
    for (auto [project, components, version] :
         std::vector<std::tuple<std::string, std::size_t, int>>{
             {"mocha", 681, 3}, {"axios", 1673, 2}, {"jquery", 767, 3}}) {
        auto text = util::read_file(dir + "/" + project + "/package-lock.json").value();
        auto r = parse_package_lock(text, {"package-lock.json", "", 0});
        model::Sbom s;
        s.components = r.components;
        s.relationships = r.relationships;
        s.normalize();
        EXPECT_EQ(s.components.size(), components) << project << " (lockfile v" << version << ")";
        EXPECT_TRUE(r.diagnostics.empty()) << project;
        EXPECT_GT(s.relationships.size(), components) << project;
    }
}
