// rpm spec files: macros and conditionals as rpm expands them, tags, subpackages, requirements,
// Source/Patch numbering and CVE ids; a real openEuler spec (zlib) and malformed input.
#include "kaiyuan/catalog/rpm/spec.hpp"
#include "kaiyuan/catalog/rpm/spec_macros.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace kaiyuan;
using namespace kaiyuan::catalog::rpm;

namespace {

SpecFile parse(const std::string& text) {
    auto s = parse_spec(text, {"x.spec", "", 0});
    EXPECT_TRUE(s) << (s ? "" : s.error().message);
    return s ? *s : SpecFile{};
}

std::string expand(const Macros& m, const std::string& text) {
    std::vector<std::string> problems;
    return m.expand(text, problems);
}

TEST(SpecMacros, ExpandsAsRpmDoes) {
    Macros m;
    m.define("name", "zlib");
    m.define("version", "1.2.13");
    m.define("ver_major", "%(echo 1)");
    EXPECT_EQ(expand(m, "%{name}-%{version}.tar.gz"), "zlib-1.2.13.tar.gz");
    EXPECT_EQ(expand(m, "%name-%version"), "zlib-1.2.13");
    EXPECT_EQ(expand(m, "1%{?dist}"), "1");
    EXPECT_EQ(expand(m, "%{?name:has}%{!?dist:nodist}"), "hasnodist");
    EXPECT_EQ(expand(m, "%{!?name:x}"), "");
    EXPECT_EQ(expand(m, "100%%"), "100%");
    EXPECT_EQ(expand(m, "%{undefined_macro}"), "%{undefined_macro}");
    EXPECT_EQ(expand(m, "%{expand:%%{name}}"), "zlib");
    EXPECT_EQ(expand(m, "%{upper:%{name}} %{len:abc} %{basename:/a/b.c} %{dirname:/a/b.c}"),
              "ZLIB 3 b.c /a");
    std::vector<std::string> problems;
    EXPECT_EQ(m.expand("%{ver_major}", problems), "%(echo 1)");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("not run"), std::string::npos);
}

TEST(SpecMacros, RecursionStops) {
    Macros m;
    m.define("a", "%{b}");
    m.define("b", "x%{a}");
    std::vector<std::string> problems;
    std::string out = m.expand("%{a}", problems);
    EXPECT_FALSE(problems.empty());
    EXPECT_LT(out.size(), 10000u);
    // Doubling at each level would be 2^64 expansions; the budget stops it.
    m.define("d", "%{d}%{d}");
    problems.clear();
    out = m.expand("%{d}", problems);
    EXPECT_FALSE(problems.empty());
    EXPECT_LE(out.size(), 256u << 10);
}

TEST(SpecMacros, Conditions) {
    EXPECT_TRUE(evaluate_condition("1").value);
    EXPECT_FALSE(evaluate_condition("0").value);
    EXPECT_FALSE(evaluate_condition("").value);
    EXPECT_TRUE(evaluate_condition("038 >= 36").value);
    EXPECT_TRUE(evaluate_condition("!0 && (1 || 0)").value);
    EXPECT_TRUE(evaluate_condition("\"a\" == \"a\"").value);
    EXPECT_FALSE(evaluate_condition("\"a\" != \"a\"").value);
    EXPECT_FALSE(evaluate_condition("1 && 0").value);
    EXPECT_FALSE(evaluate_condition("x86_64").error.empty());
    EXPECT_FALSE(evaluate_condition("(1").error.empty());
    EXPECT_FALSE(evaluate_condition("1 == \"1\"").error.empty());
}

TEST(Spec, PreambleSubpackagesAndRequirements) {
    auto s = parse(R"(%global real_name foo
%bcond_without tests
%bcond_with docs
Name:           python-%{real_name}
Version:        2.1
Release:        3%{?dist}
Epoch:          1
License:        MIT and (ASL 2.0 or GPLv2+)
URL:            https://example.org/%{real_name}
Source0:        %{url}/archive/v%{version}.tar.gz#/%{real_name}-%{version}.tar.gz
Source:         extra.conf
Patch0001:      backport-CVE-2023-12345.patch
Patch:          fix-build.patch
BuildRequires:  gcc, make >= 4.0 pkgconfig(zlib)
BuildRequires:  python3-devel >= 3.9
%if %{with tests}
BuildRequires:  python3-pytest
%endif
%if %{with docs}
BuildRequires:  python3-sphinx
%endif
%ifarch aarch64
Patch10:        arm-only.patch
%else
BuildRequires:  nasm
%endif
Requires:       %{name}-libs = %{epoch}:%{version}-%{release}
Requires(post): systemd

%description
Text.

%package -n python3-%{real_name}
Summary:        Python 3 module
Requires:       python3-six
Recommends:     python3-extra

%package        libs
Summary:        Libraries
BuildArch:      noarch

%prep
%autosetup -p1

%changelog
* Tue Mar 05 2024 Packager <p@example.org> - 1:2.1-3
- Fix CVE-2024-0001 and cve-2024-0002

* Mon Jan 01 2024 Packager <p@example.org> - 1:2.0-1
- fix CVE-2023-9999
)");
    EXPECT_EQ(s.name, "python-foo");
    EXPECT_EQ(s.version, "2.1");
    EXPECT_EQ(s.release, "3");
    EXPECT_EQ(s.epoch, "1");
    EXPECT_EQ(s.url, "https://example.org/foo");
    ASSERT_EQ(s.sources.size(), 2u);
    EXPECT_EQ(s.sources[0].tag, "Source0");
    EXPECT_EQ(s.sources[0].file_name(), "foo-2.1.tar.gz");
    EXPECT_EQ(s.sources[1].tag, "Source1"); // unnumbered: the next number
    ASSERT_EQ(s.patches.size(), 3u);
    EXPECT_EQ(s.patches[0].tag, "Patch1");
    EXPECT_EQ(s.patches[1].tag, "Patch2");
    EXPECT_EQ(s.patches[2].tag, "Patch10");
    EXPECT_EQ(s.patches[2].condition, "ifarch aarch64");
    std::vector<std::string> build;
    for (const auto& r : s.build_requires)
        build.push_back(r.name + (r.op.empty() ? "" : " " + r.op + " " + r.version) +
                        (r.condition.empty() ? "" : " [" + r.condition + "]"));
    EXPECT_EQ(build, (std::vector<std::string>{"gcc", "make >= 4.0", "pkgconfig(zlib)",
                                               "python3-devel >= 3.9", "python3-pytest",
                                               "nasm [not ifarch aarch64]"}));
    ASSERT_EQ(s.packages.size(), 3u);
    EXPECT_EQ(s.packages[0].name, "python-foo");
    ASSERT_EQ(s.packages[0].dependencies.size(), 2u);
    EXPECT_EQ(s.packages[0].dependencies[0].name, "python-foo-libs");
    EXPECT_EQ(s.packages[0].dependencies[0].version, "1:2.1-3");
    EXPECT_EQ(s.packages[0].dependencies[1].kind, "Requires(post)");
    EXPECT_EQ(s.packages[1].name, "python3-foo");
    EXPECT_EQ(s.packages[1].dependencies.size(), 2u);
    EXPECT_EQ(s.packages[2].name, "python-foo-libs");
    EXPECT_EQ(s.packages[2].build_arch, "noarch");
    EXPECT_EQ(s.latest_changelog_cves,
              (std::vector<std::string>{"CVE-2024-0001", "CVE-2024-0002"}));
    EXPECT_EQ(s.changelog_cves.size(), 3u);

    auto r = spec_components(s, {"x.spec", "", 0});
    const model::Component* src = nullptr;
    std::map<std::string, const model::Component*> by_name;
    for (const auto& c : r.components) {
        if (c.arch == "src")
            src = &c;
        else
            by_name[c.name] = &c;
    }
    ASSERT_NE(src, nullptr);
    EXPECT_EQ(src->purl, "pkg:rpm/openeuler/python-foo@2.1-3?arch=src&epoch=1");
    EXPECT_EQ(src->version, "1:2.1-3");
    EXPECT_EQ(src->license_declared, "MIT AND (Apache-2.0 OR GPL-2.0-or-later)");
    EXPECT_EQ(src->properties.at("kaiyuan:cves"), "CVE-2024-0001 CVE-2024-0002");
    ASSERT_TRUE(by_name.count("make"));
    EXPECT_EQ(by_name["make"]->properties.at("kaiyuan:rpm:requirement"), ">= 4.0");
    EXPECT_EQ(by_name["make"]->properties.at("kaiyuan:scope"), "build");
    EXPECT_FALSE(by_name["systemd"]->properties.count("kaiyuan:scope")); // runtime
    EXPECT_EQ(by_name["python3-extra"]->properties.at("kaiyuan:scope"), "optional");
    EXPECT_EQ(by_name["backport-CVE-2023-12345.patch"]->properties.at("kaiyuan:cves"),
              "CVE-2023-12345");
    EXPECT_EQ(by_name["python-foo-libs"]->purl,
              "pkg:rpm/openeuler/python-foo-libs@2.1-3?arch=noarch&epoch=1");
    // The requirement on its own subpackage is an edge, not a new component.
    EXPECT_EQ(by_name["python-foo-libs"]->properties.count("kaiyuan:rpm:requirement"), 0u);
}

TEST(Spec, ARequirementOfSeveralKinds) {
    auto s = parse("Name: x\nVersion: 1\nBuildRequires: foo >= 1.2\nRequires: foo >= 1\n"
                   "Requires: foo >= 1.2\n");
    auto r = spec_components(s, {"x.spec", "", 0});
    const model::Component* foo = nullptr;
    for (const auto& c : r.components)
        if (c.name == "foo") foo = &c;
    ASSERT_NE(foo, nullptr);
    EXPECT_EQ(foo->properties.at("kaiyuan:rpm:requirement"), ">= 1.2, >= 1");
    EXPECT_EQ(foo->properties.at("kaiyuan:rpm:required-by"), "BuildRequires Requires");
    EXPECT_FALSE(foo->properties.count("kaiyuan:scope")); // runtime
}

TEST(Spec, CveIds) {
    EXPECT_EQ(cve_ids("backport-0001-CVE-2018-25032.patch"),
              (std::vector<std::string>{"CVE-2018-25032"}));
    EXPECT_EQ(cve_ids("cve-2021-3999_cve-2022-1234567.patch CVE-2021-3999"),
              (std::vector<std::string>{"CVE-2021-3999", "CVE-2022-1234567"}));
    EXPECT_TRUE(cve_ids("CVE-21-1234 CVE-2021-12 cve-").empty());
}

TEST(Spec, RealOpenEulerZlib) {
    std::ifstream in(std::string(KAIYUAN_TEST_DATA) + "/review/testdata/zlib-cve/base/zlib.spec");
    std::stringstream text;
    text << in.rdbuf();
    auto s = parse(text.str());
    EXPECT_EQ(s.name, "zlib");
    EXPECT_EQ(s.version, "1.2.11");
    EXPECT_EQ(s.release, "19");
    EXPECT_EQ(s.license, "zlib and Boost");
    ASSERT_EQ(s.sources.size(), 1u);
    EXPECT_EQ(s.sources[0].file_name(), "zlib-1.2.11.tar.xz");
    ASSERT_EQ(s.patches.size(), 8u); // Patch0, Patch1-6 (aarch64 only), Patch6000
    EXPECT_EQ(s.patches[0].condition, "");
    EXPECT_EQ(s.patches[1].condition, "ifarch aarch64");
    EXPECT_EQ(s.patches[7].tag, "Patch6000");
    std::vector<std::string> packages;
    for (const auto& p : s.packages)
        packages.push_back(p.name);
    EXPECT_EQ(packages, (std::vector<std::string>{"zlib", "zlib-devel", "zlib-help", "minizip",
                                                  "minizip-devel"}));
    EXPECT_EQ(s.build_requires.size(), 3u);
}

TEST(Spec, MalformedInput) {
    EXPECT_FALSE(parse_spec("", {"empty.spec", "", 0}));
    auto none = parse_spec("just some text\n", {"text.spec", "", 0});
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("text.spec"), std::string::npos);
    auto s = parse(R"(Name: x
Version: 1
%if 1
%else
%else
%endif
%endif
%if garbage words
BuildRequires: never
%endif
%if 1
BuildRequires: >= 2
Patch99999999999999999999: big.patch
%global
Source0: %{lua: print("x")}
Requires: %{a}
%global a %{b}
%global b %{a}
)");
    EXPECT_TRUE(s.build_requires.empty()); // the %if that could not be read is false
    bool unclosed = false, bad_if = false, extra_endif = false;
    for (const auto& d : s.diagnostics) {
        unclosed |= d.message.find("without %endif") != std::string::npos;
        bad_if |= d.message.find("garbage") != std::string::npos && d.location.line == 8;
        extra_endif |= d.message.find("%endif without %if") != std::string::npos;
    }
    EXPECT_TRUE(unclosed);
    EXPECT_TRUE(bad_if);
    EXPECT_TRUE(extra_endif);
}

} // namespace
