// Rust, Go, Java, PHP, Ruby, .NET and C/C++ manifests: fixtures for each case, and the real
// lockfiles of ../shared/data/manifests (skipped with a message when absent).
#include "kaiyuan/catalog/cpp/conan_vcpkg.hpp"
#include "kaiyuan/catalog/dotnet/nuget.hpp"
#include "kaiyuan/catalog/golang/go_mod.hpp"
#include "kaiyuan/catalog/java/maven.hpp"
#include "kaiyuan/catalog/php/composer_lock.hpp"
#include "kaiyuan/catalog/ruby/gems.hpp"
#include "kaiyuan/catalog/rust/cargo_lock.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"

#include "../../source/test_archives.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

using namespace kaiyuan;
using namespace kaiyuan::catalog;
using T = model::RelationshipType;

namespace {

std::optional<std::string> shared(const std::string& rel) {
    std::string path = std::string(KAIYUAN_SHARED_DATA) + "/manifests/" + rel;
    if (!std::filesystem::exists(path)) return std::nullopt;
    return util::read_file(path).value();
}

std::map<std::string, const model::Component*> by_name(const CatalogResult& r) {
    std::map<std::string, const model::Component*> out;
    for (const auto& c : r.components)
        out.emplace(c.name, &c);
    return out;
}

std::set<std::pair<std::string, std::string>> edges(const CatalogResult& r) {
    std::map<std::string, std::string> name;
    for (const auto& c : r.components)
        name[c.id] = c.name;
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& e : r.relationships)
        out.insert({name[e.from], name[e.to]});
    return out;
}

std::size_t count(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

const model::Location k_loc{"proj/file", "", 0};

} // namespace

TEST(CargoLock, v3_fixture_sources_checksums_and_root) {
    auto r = rust::parse_cargo_lock(
        "version = 3\n\n"
        "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n"
        "dependencies = [\"serde\", \"rand 0.8.5\", \"rand 0.7.3\"]\n\n"
        "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\n"
        "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        "checksum = \"abcd\"\n\n"
        "[[package]]\nname = \"rand\"\nversion = \"0.8.5\"\n"
        "source = \"git+https://example.invalid/rand#0123\"\n\n"
        "[[package]]\nname = \"rand\"\nversion = \"0.7.3\"\n"
        "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
        k_loc);
    ASSERT_EQ(r.components.size(), 4u);
    EXPECT_EQ(r.components[0].type, model::ComponentType::application);
    EXPECT_EQ(r.components[1].purl, "pkg:cargo/serde@1.0.0");
    EXPECT_EQ(r.components[1].hashes.at(0).value, "abcd");
    EXPECT_EQ(r.components[1].locations.at(0).line, 8u);
    EXPECT_EQ(r.components[2].properties.at("kaiyuan:cargo:source"),
              "git+https://example.invalid/rand#0123");
    EXPECT_EQ(r.relationships.size(), 3u);
    EXPECT_EQ(r.components[3].properties.at("kaiyuan:direct"), "true");
}

TEST(CargoLock, real_ripgrep_lockfile) {
    auto text = shared("cargo/ripgrep/Cargo.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = rust::parse_cargo_lock(*text, k_loc);
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(r.components.size(), count(*text, "[[package]]"));
    EXPECT_EQ(by_name(r).at("ripgrep")->type, model::ComponentType::application);
    std::size_t with_hash = 0;
    for (const auto& c : r.components)
        with_hash += !c.hashes.empty();
    EXPECT_EQ(with_hash, count(*text, "checksum = "));
    EXPECT_FALSE(rust::parse_cargo_lock("", k_loc).diagnostics.empty());
    EXPECT_FALSE(rust::parse_cargo_lock("[[package]\n", k_loc).diagnostics.empty());
}

TEST(GoMod, requires_indirect_replace_and_go_sum) {
    auto r = golang::parse_go_mod(
        "module example.invalid/app\n\ngo 1.22\n\n"
        "require (\n\tgithub.com/a/b v1.2.3\n"
        "\tgolang.org/x/sys v0.1.0 // indirect\n)\n"
        "require github.com/c/d/v2 v2.0.0\n"
        "replace github.com/c/d/v2 => github.com/fork/d/v2 v2.0.1\n"
        "bogus line\n",
        k_loc, "github.com/a/b v1.2.3 h1:AAA=\ngithub.com/a/b v1.2.3/go.mod h1:BBB=\n");
    ASSERT_EQ(r.components.size(), 4u);
    auto c = by_name(r);
    EXPECT_EQ(c.at("example.invalid/app")->type, model::ComponentType::application);
    EXPECT_EQ(c.at("example.invalid/app")->properties.at("kaiyuan:go:version"), "1.22");
    EXPECT_EQ(c.at("github.com/a/b")->purl, "pkg:golang/github.com/a/b@v1.2.3");
    EXPECT_EQ(c.at("github.com/a/b")->properties.at("kaiyuan:go:h1"), "h1:AAA=");
    EXPECT_EQ(c.at("github.com/a/b")->locations.at(0).line, 6u);
    EXPECT_EQ(c.at("golang.org/x/sys")->properties.at("kaiyuan:go:indirect"), "true");
    EXPECT_EQ(c.at("github.com/fork/d/v2")->properties.at("kaiyuan:go:replaces"),
              "github.com/c/d/v2@v2.0.0");
    EXPECT_EQ(edges(r).size(), 2u); // the indirect one is not a direct edge
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].location.line, 11u);
    EXPECT_FALSE(golang::parse_go_mod("", k_loc).diagnostics.empty());
}

TEST(GoMod, real_gh_cli) {
    auto text = shared("go/gh-cli/go.mod");
    auto sum = shared("go/gh-cli/go.sum");
    if (!text || !sum) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = golang::parse_go_mod(*text, k_loc, *sum);
    EXPECT_TRUE(r.diagnostics.empty());
    std::size_t requires_ = 0, indirect = 0, with_h1 = 0;
    for (auto line : util::split(*text, '\n')) {
        auto f = util::trim(line);
        if (f.starts_with("require ") && !f.ends_with("("))
            ++requires_;
        else if (line.starts_with('\t') && f.find(" v") != std::string_view::npos &&
                 f.find("=>") == std::string_view::npos)
            ++requires_;
        indirect += f.ends_with("// indirect");
    }
    for (const auto& c : r.components)
        with_h1 += c.properties.contains("kaiyuan:go:h1");
    EXPECT_EQ(r.components.size(), requires_ + 1);
    EXPECT_EQ(r.relationships.size(), requires_ - indirect);
    EXPECT_GT(with_h1, requires_ / 2);
}

TEST(Pom, properties_management_scopes_and_licenses) {
    auto r = java::parse_pom(R"J(<?xml version="1.0"?>
<project>
  <parent><groupId>org.demo</groupId><artifactId>parent</artifactId><version>7</version></parent>
  <artifactId>app</artifactId>
  <version>${revision}</version>
  <licenses><license><name>Apache License, Version 2.0</name></license></licenses>
  <properties><revision>1.2.0</revision><lib.version>3.1</lib.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.m</groupId><artifactId>managed</artifactId><version>9.9</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.x</groupId><artifactId>lib</artifactId><version>${lib.version}</version></dependency>
    <dependency><groupId>org.m</groupId><artifactId>managed</artifactId></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13</version><scope>test</scope></dependency>
    <dependency><groupId>org.y</groupId><artifactId>native</artifactId><version>1</version><classifier>linux</classifier><optional>true</optional></dependency>
    <dependency><groupId>org.z</groupId><artifactId>from-parent</artifactId></dependency>
  </dependencies>
</project>)J",
                             {"pom.xml", "", 0});
    auto c = by_name(r);
    ASSERT_EQ(r.components.size(), 6u);
    EXPECT_EQ(c.at("app")->purl, "pkg:maven/org.demo/app@1.2.0");
    EXPECT_EQ(c.at("app")->license_declared, "Apache-2.0");
    EXPECT_EQ(c.at("lib")->version, "3.1");
    EXPECT_EQ(c.at("lib")->locations.at(0).line, 12u);
    EXPECT_EQ(c.at("managed")->version, "9.9");
    EXPECT_EQ(c.at("junit")->properties.at("kaiyuan:scope"), "dev");
    EXPECT_EQ(c.at("native")->purl, "pkg:maven/org.y/native@1?classifier=linux");
    EXPECT_EQ(c.at("native")->properties.at("kaiyuan:scope"), "optional");
    EXPECT_EQ(c.at("from-parent")->version, "");
    ASSERT_EQ(r.diagnostics.size(), 1u); // the version that comes from elsewhere
    EXPECT_EQ(r.diagnostics[0].location.line, 16u);
    EXPECT_FALSE(java::parse_pom("<project><unclosed></project>", k_loc).diagnostics.empty());
    EXPECT_FALSE(java::parse_pom("<html/>", k_loc).diagnostics.empty());
    EXPECT_FALSE(java::parse_pom("", k_loc).diagnostics.empty());
}

TEST(Pom, real_poms_parse_with_every_dependency) {
    for (const char* f :
         {"maven/spring-petclinic/pom.xml", "maven/gson/pom.xml", "maven/gson/gson/pom.xml"}) {
        auto text = shared(f);
        if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
        auto r = java::parse_pom(*text, k_loc);
        // Oracle: <dependency> elements outside <dependencyManagement> and <plugins>.
        std::size_t deps = 0;
        auto body = *text;
        for (const char* cut : {"<dependencyManagement>", "<build>", "<profiles>"}) {
            auto at = body.find(cut);
            if (at != std::string::npos) {
                auto end = body.find(std::string("</") + (cut + 1), at);
                body.erase(at, end == std::string::npos ? std::string::npos : end - at);
            }
        }
        deps = count(body, "<dependency>");
        EXPECT_EQ(r.relationships.size(), deps) << f;
        EXPECT_EQ(r.components.at(0).type, model::ComponentType::application) << f;
    }
}

TEST(GradleLockfile, configurations_to_scopes) {
    auto r =
        java::parse_gradle_lockfile("# comment\n"
                                    "org.a:lib:1.0=compileClasspath,runtimeClasspath\n"
                                    "org.b:tester:2.0=testCompileClasspath,testRuntimeClasspath\n"
                                    "garbage line\n"
                                    "empty=annotationProcessor\n",
                                    k_loc);
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_EQ(r.components[0].purl, "pkg:maven/org.a/lib@1.0");
    EXPECT_EQ(r.components[1].properties.at("kaiyuan:scope"), "dev");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].location.line, 4u);
    auto text = shared("gradle/dd-trace-java/dd-trace-core/gradle.lockfile");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto real = java::parse_gradle_lockfile(*text, k_loc);
    EXPECT_TRUE(real.diagnostics.empty());
    EXPECT_EQ(real.components.size(), count(*text, "=") - count(*text, "empty="));
}

TEST(JavaArchive, pom_properties_manifest_and_nested_jars) {
    std::string inner = test::make_archive(
        {{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: "
                                  "inner\r\nImplementation-Version: 2.0\r\n\r\n"}},
        "zip");
    std::string war =
        test::make_archive({{"META-INF/maven/org.demo/webapp/pom.properties",
                             "#generated\ngroupId=org.demo\nartifactId=webapp\nversion=1.0\n"},
                            {"WEB-INF/lib/inner-2.0.jar", inner},
                            {"WEB-INF/lib/broken.jar", "not a zip"}},
                           "zip");
    auto r = java::parse_java_archive(war, {"app.war", "", 0});
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_EQ(r.components[0].purl, "pkg:maven/org.demo/webapp@1.0");
    EXPECT_EQ(r.components[0].hashes.at(0).algorithm, "SHA1");
    EXPECT_EQ(r.components[1].purl, "pkg:maven/inner@2.0");
    EXPECT_EQ(r.components[1].locations.at(0).path, "app.war!/WEB-INF/lib/inner-2.0.jar");
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics[0].location.path, "app.war!/WEB-INF/lib/broken.jar");
    EXPECT_FALSE(java::parse_java_archive("", k_loc).diagnostics.empty());
}

TEST(ComposerLock, runtime_dev_licenses_and_graph_on_real_composer) {
    auto text = shared("composer/composer/composer.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = php::parse_composer_lock(*text, k_loc);
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(r.components.size(),
              count(*text, "\"name\": \"") - count(*text, "\"authors\"") * 0 -
                  (count(*text, "\"name\": \"") - count(*text, "\"version\": \"")));
    auto c = by_name(r);
    EXPECT_EQ(c.at("composer/ca-bundle")->purl.substr(0, 30), "pkg:composer/composer/ca-bundl");
    EXPECT_FALSE(c.at("composer/ca-bundle")->license_declared.empty());
    EXPECT_FALSE(php::parse_composer_lock("{}", k_loc).diagnostics.empty());
    // Found by the fuzzer: a package without "dist" (the lookup's error must not throw).
    auto no_dist =
        php::parse_composer_lock(R"J({"packages": [{"name": "a/b", "version": "1"}]})J", k_loc);
    EXPECT_EQ(no_dist.components.size(), 1u);
    EXPECT_FALSE(php::parse_composer_lock("", k_loc).diagnostics.empty());
}

TEST(GemfileLock, specs_platforms_and_direct_dependencies) {
    auto r = ruby::parse_gemfile_lock(
        "GIT\n  remote: https://example.invalid/x.git\n  revision: abc\n  specs:\n    x (0.1.0)\n\n"
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.0-x86_64-linux)\n      "
        "racc (~> 1.4)\n    racc (1.7.3)\n\n"
        "PLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  nokogiri\n  x!\n\nBUNDLED WITH\n   2.5.3\n",
        {"app/Gemfile.lock", "", 0});
    auto c = by_name(r);
    ASSERT_EQ(r.components.size(), 4u);
    EXPECT_EQ(c.at("nokogiri")->purl, "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux");
    EXPECT_EQ(c.at("x")->properties.at("kaiyuan:gem:source"), "git");
    EXPECT_EQ(c.at("app")->type, model::ComponentType::application);
    EXPECT_EQ(edges(r), (std::set<std::pair<std::string, std::string>>{
                            {"app", "nokogiri"}, {"app", "x"}, {"nokogiri", "racc"}}));
    EXPECT_FALSE(ruby::parse_gemfile_lock("", k_loc).diagnostics.empty());
    auto text = shared("rubygems/rubygems.org/Gemfile.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto real = ruby::parse_gemfile_lock(*text, k_loc);
    std::set<std::string> specs;
    for (auto line : util::split(*text, '\n'))
        if (line.starts_with("    ") && !line.starts_with("     ")) specs.insert(std::string(line));
    EXPECT_EQ(real.components.size(), specs.size() + 1);
}

TEST(Gemspec, installed_specification) {
    auto r = ruby::parse_gemspec(
        "# -*- encoding: utf-8 -*-\nGem::Specification.new do |s|\n"
        "  s.name = \"rake\".freeze\n  s.version = \"13.0.6\"\n"
        "  s.licenses = [\"MIT\".freeze]\n  s.summary = \"Make-like\".freeze\nend\n",
        k_loc);
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].purl, "pkg:gem/rake@13.0.6");
    EXPECT_EQ(r.components[0].license_declared, "MIT");
    EXPECT_EQ(r.components[0].locations.at(0).line, 3u);
    EXPECT_FALSE(ruby::parse_gemspec("puts 1\n", k_loc).diagnostics.empty());
}

TEST(NuGet, packages_lock_and_deps_json) {
    auto r = dotnet::parse_packages_lock(R"J({"version": 1, "dependencies": {"net8.0": {
      "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3",
        "contentHash": "AAAA", "dependencies": {"System.Memory": "4.5.0"}},
      "System.Memory": {"type": "Transitive", "resolved": "4.5.0"},
      "Lib": {"type": "Project"}}}})J",
                                         {"src/App/packages.lock.json", "", 0});
    auto c = by_name(r);
    ASSERT_EQ(r.components.size(), 4u);
    EXPECT_EQ(c.at("App")->type, model::ComponentType::application);
    EXPECT_EQ(c.at("Newtonsoft.Json")->purl, "pkg:nuget/Newtonsoft.Json@13.0.3");
    EXPECT_EQ(c.at("Newtonsoft.Json")->locations.at(0).line, 2u);
    EXPECT_EQ(c.at("Newtonsoft.Json")->properties.at("kaiyuan:direct"), "true");
    EXPECT_FALSE(c.at("System.Memory")->properties.contains("kaiyuan:direct"));
    EXPECT_EQ(edges(r).size(), 3u);
    auto d = dotnet::parse_deps_json(R"J({"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
      "targets": {".NETCoreApp,Version=v8.0": {"App/1.0.0": {"dependencies": {"Serilog": "3.1.1"}},
        "Serilog/3.1.1": {}}},
      "libraries": {"App/1.0.0": {"type": "project"}, "Serilog/3.1.1": {"type": "package",
        "sha512": "sha512-AAAA"}}})J",
                                     {"App.deps.json", "", 0});
    ASSERT_EQ(d.components.size(), 2u);
    EXPECT_EQ(d.components[0].type, model::ComponentType::application);
    EXPECT_EQ(d.components[1].purl, "pkg:nuget/Serilog@3.1.1");
    EXPECT_EQ(d.relationships.size(), 1u);
    for (const char* bad : {"", "{}", "[1,2]"}) {
        EXPECT_FALSE(dotnet::parse_packages_lock(bad, k_loc).diagnostics.empty()) << bad;
        EXPECT_FALSE(dotnet::parse_deps_json(bad, k_loc).diagnostics.empty()) << bad;
    }
}

TEST(Conan, v1_graph_and_v2_lists_with_qualifiers) {
    auto v1 = cpp::parse_conan_lock(R"J({"graph_lock": {"nodes": {
      "0": {"path": "conanfile.txt", "requires": ["1"], "build_requires": ["2"]},
      "1": {"ref": "zlib/1.2.13@acme/stable#rev1", "requires": []},
      "2": {"ref": "cmake/3.27.0"}}}, "version": "0.4"})J",
                                    k_loc);
    ASSERT_EQ(v1.components.size(), 3u);
    EXPECT_EQ(v1.components[1].purl, "pkg:conan/zlib@1.2.13?channel=stable&rrev=rev1&user=acme");
    EXPECT_EQ(v1.components[2].properties.at("kaiyuan:scope"), "dev");
    auto text = shared("conan/openstudio/conan.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto v2 = cpp::parse_conan_lock(*text, k_loc);
    EXPECT_TRUE(v2.diagnostics.empty());
    EXPECT_EQ(v2.components.size(), count(*text, "%")); // one timestamp per locked reference
    EXPECT_FALSE(cpp::parse_conan_lock("{}", k_loc).diagnostics.empty());
}

TEST(Vcpkg, manifest_dependencies_overrides_and_every_real_port) {
    auto r = cpp::parse_vcpkg_json(R"J({"name": "app", "version": "1.0", "port-version": 2,
      "license": "MIT", "dependencies": ["fmt", {"name": "zlib", "version>=": "1.3"},
      {"name": "vcpkg-cmake", "host": true}], "overrides": [{"name": "fmt", "version": "10.2.1"}]})J",
                                   k_loc);
    ASSERT_EQ(r.components.size(), 4u);
    auto c = by_name(r);
    EXPECT_EQ(c.at("app")->purl, "pkg:vcpkg/app@1.0?port_version=2");
    EXPECT_EQ(c.at("fmt")->version, "10.2.1");
    EXPECT_EQ(c.at("zlib")->properties.at("kaiyuan:vcpkg:minimum-version"), "1.3");
    EXPECT_EQ(c.at("vcpkg-cmake")->properties.at("kaiyuan:scope"), "build");
    std::string ports = std::string(KAIYUAN_SHARED_DATA) + "/manifests/vcpkg/vcpkg-registry/ports";
    if (!std::filesystem::exists(ports)) GTEST_SKIP() << "../shared/data/manifests absent";
    std::size_t files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(ports)) {
        if (e.path().filename() != "vcpkg.json") continue;
        ++files;
        auto p = cpp::parse_vcpkg_json(util::read_file(e.path().string()).value(), k_loc);
        EXPECT_TRUE(p.diagnostics.empty()) << e.path();
        EXPECT_FALSE(p.components.at(0).version.empty()) << e.path();
    }
    EXPECT_GT(files, 2000u);
}
