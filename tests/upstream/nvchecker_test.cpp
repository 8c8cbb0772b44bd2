// nvchecker configurations read as upstream descriptions (nvchecker.hpp), with their oldver
// files; and an SBOM's components given their registries as upstreams (components.hpp).
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/components.hpp"
#include "kaiyuan/upstream/nvchecker.hpp"
#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kaiyuan;
using namespace kaiyuan::upstream;

namespace {

const std::string k_dir = std::string(KAIYUAN_TEST_DATA) + "/upstream/testdata/nvchecker";

bool says(const std::vector<model::Diagnostic>& diagnostics, std::string_view what) {
    for (const auto& d : diagnostics)
        if (d.message.find(what) != std::string::npos) return true;
    return false;
}

TEST(Nvchecker, SourcesOptionsAndOldver) {
    std::vector<model::Diagnostic> diagnostics;
    auto text = util::read_file(k_dir + "/nvchecker.toml");
    ASSERT_TRUE(text);
    auto read = read_nvchecker(*text, k_dir + "/nvchecker.toml", diagnostics);
    ASSERT_TRUE(read) << read.error().message;
    std::map<std::string, PackagedSource> by_name;
    for (auto& p : *read)
        by_name.emplace(p.name, p);
    ASSERT_EQ(by_name.size(), 10u);
    const auto& requests = by_name.at("python-requests");
    EXPECT_EQ(requests.version, "2.31.0");
    EXPECT_EQ(requests.ecosystem, "PyPI");
    EXPECT_EQ(requests.upstream->kind, UpstreamKind::pypi);
    EXPECT_EQ(requests.upstream->src_repo, "requests");
    EXPECT_EQ(by_name.at("ruby-rack").upstream->kind, UpstreamKind::rubygem);
    EXPECT_EQ(by_name.at("ruby-rack").version, ""); // not in the oldver file
    EXPECT_EQ(by_name.at("perl-app-fatpacker").upstream->kind, UpstreamKind::metacpan);
    // prefix: the tag rule keeps v-tags without the v.
    const auto& zlib = *by_name.at("zlib").upstream;
    EXPECT_EQ(zlib.kind, UpstreamKind::github);
    EXPECT_EQ(TagCleaner(zlib).clean("v1.3.1"), "1.3.1");
    // from_pattern/to_pattern: curl's tags rewritten.
    EXPECT_EQ(TagCleaner(*by_name.at("curl").upstream).clean("curl-8_11_1"), "8.11.1");
    const auto& bc = *by_name.at("bc").upstream;
    EXPECT_EQ(bc.kind, UpstreamKind::regex);
    EXPECT_EQ(bc.url, "https://ftp.gnu.org/gnu/bc/");
    EXPECT_EQ(TagCleaner(bc).clean("1.06"), std::nullopt); // exclude_regex
    EXPECT_EQ(TagCleaner(bc).clean("1.07.1"), "1.07.1");
    // An unread source and an unread option are said, with the table's name.
    EXPECT_EQ(by_name.at("linux").upstream->kind, UpstreamKind::none);
    EXPECT_TRUE(says(diagnostics, "[linux]: source 'archpkg' is not read by kaiyuan"));
    EXPECT_TRUE(says(diagnostics, "[openssl]: 'ignored' is not read by kaiyuan"));
    auto unchecked = check_all({by_name.at("linux")}, {});
    EXPECT_EQ(unchecked[0].standing, Standing::unchecked);
    EXPECT_NE(unchecked[0].error.find("'archpkg' names no upstream"), std::string::npos);
}

TEST(Nvchecker, MalformedInputSaidWithFileAndLine) {
    std::vector<model::Diagnostic> diagnostics;
    auto bad = read_nvchecker("[a]\nsource = \"pypi\"\npypi = \n", "/x/nv.toml", diagnostics);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("/x/nv.toml:3: not valid TOML"), std::string::npos)
        << bad.error().message;
    auto no_name = read_nvchecker("[a]\nsource = \"pypi\"\n[b]\nsource = \"regex\"\n", "/x/nv.toml",
                                  diagnostics);
    ASSERT_TRUE(no_name);
    EXPECT_TRUE(says(diagnostics, "[a]: source 'pypi' without its 'pypi' setting"));
    EXPECT_TRUE(says(diagnostics, "[b]: source 'regex' without its 'url' setting"));
    auto missing_oldver =
        read_nvchecker("[__config__]\noldver = \"gone.json\"\n", "/x/nv.toml", diagnostics);
    ASSERT_TRUE(missing_oldver);
    EXPECT_TRUE(says(diagnostics, "oldver /x/gone.json"));
    EXPECT_FALSE(read_nvchecker_versions("[1, 2]"));
    auto flat = read_nvchecker_versions(R"({"zlib": "1.3.1", "odd": 5})");
    ASSERT_TRUE(flat);
    ASSERT_EQ(flat->size(), 1u);
    EXPECT_EQ((*flat)[0].second, "1.3.1");
}

TEST(UpstreamComponents, RegistriesByPackageUrl) {
    model::Sbom sbom;
    auto add = [&](std::string name, std::string version, std::string purl) {
        model::Component c;
        c.name = std::move(name);
        c.version = std::move(version);
        c.purl = std::move(purl);
        sbom.components.push_back(std::move(c));
    };
    add("requests", "2.31.0", "pkg:pypi/requests@2.31.0");
    add("requests", "2.31.0", "pkg:pypi/requests@2.31.0"); // twice: checked once
    add("core", "7.24.0", "pkg:npm/%40babel/core@7.24.0");
    add("commons-text", "1.10.0", "pkg:maven/org.apache.commons/commons-text@1.10.0");
    add("toml", "v1.3.2", "pkg:golang/github.com/BurntSushi/toml@v1.3.2");
    add("zlib", "1.2.13-1.oe2203", "pkg:rpm/openEuler/zlib@1.2.13-1.oe2203");
    add("bash", "5.2", "pkg:deb/debian/bash@5.2");
    add("local", "1", "");
    PackageSet set;
    add_components(set, sbom, "sbom.json");
    ASSERT_EQ(set.packages.size(), 4u);
    EXPECT_EQ(set.packages[0].ecosystem, "PyPI");
    EXPECT_EQ(set.packages[1].name, "@babel/core");
    EXPECT_EQ(set.packages[1].upstream->kind, UpstreamKind::npm);
    EXPECT_EQ(set.packages[2].upstream->src_repo, "org.apache.commons:commons-text");
    EXPECT_EQ(set.packages[3].version, "1.3.2");
    EXPECT_EQ(listing_address(*set.packages[3].upstream, {}),
              "https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/list");
    EXPECT_TRUE(says(set.diagnostics, "(deb: 1, rpm: 1, no package URL: 1)"));
}

} // namespace
