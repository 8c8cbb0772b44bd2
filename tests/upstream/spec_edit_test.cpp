// Spec files edited for an upgrade (spec_edit.hpp): only Version, Release and the new
// %changelog entry change; versions held in macros, dist macros after the Release number, specs
// without %changelog; what cannot be edited is refused with the reason.
#include "kaiyuan/upstream/patch_check.hpp"
#include "kaiyuan/upstream/spec_edit.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::upstream;

namespace {

TEST(SpecEdit, RealZlibSpecOnlyTheseLinesChange) {
    auto text = util::read_file(std::string(KAIYUAN_TEST_DATA) +
                                "/upstream/testdata/src-openeuler/zlib/zlib.spec");
    ASSERT_TRUE(text);
    auto edited = set_version(*text, "1.3.1");
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_NE(edited->find("Version:          1.3.1\nRelease:          1\n"), std::string::npos);
    EXPECT_EQ(edited->size(), text->size() - 2 /* 1.2.11 -> 1.3.1, 19 -> 1 */);
    auto with_entry = add_changelog(
        *edited,
        {"Fri Dec 04 2026", "A <a@x>", "1.3.1-1", {"update to 1.3.1", "fix CVE-2023-45853"}});
    EXPECT_NE(with_entry.find("%changelog\n* Fri Dec 04 2026 A <a@x> - 1.3.1-1\n- update to "
                              "1.3.1\n- fix CVE-2023-45853\n\n* Thu Sep 2 2021 liqiang"),
              std::string::npos);
    EXPECT_EQ(patch_strip_level(*text), 1);
}

TEST(SpecEdit, MacrosDistAndNoChangelog) {
    std::string spec = "%global upstream_version 2.4\nName: x\nVersion: %{upstream_version}\n"
                       "Release: 3%{?dist}\n\n%description\nVersion: 9 in a description\n";
    auto edited = set_version(spec, "2.5");
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(*edited, "%global upstream_version 2.5\nName: x\nVersion: %{upstream_version}\n"
                       "Release: 1%{?dist}\n\n%description\nVersion: 9 in a description\n");
    auto logged = add_changelog(*edited, {"Mon Jan 05 2026", "P <p@x>", "2.5-1", {"update"}});
    EXPECT_TRUE(logged.ends_with("\n%changelog\n* Mon Jan 05 2026 P <p@x> - 2.5-1\n- update\n"));
    EXPECT_EQ(patch_strip_level("%setup -q\n%patch0 -p0 -b .orig\n"), 0);
}

TEST(SpecEdit, RefusedWithReason) {
    struct Case {
        std::string spec, version, says;
    };
    std::vector<Case> cases{
        {"Name: x\nRelease: 1\n", "2", "no Version"},
        {"Name: x\nVersion: 1\n", "2", "no Release"},
        {"Name: x\nVersion: %{major}.%{minor}\nRelease: 1\n", "2", "built from macros"},
        {"Name: x\nVersion: %{v}\nRelease: 1\n", "2", "not defined"},
        {"Name: x\nVersion: 1\nRelease: %{rel}\n", "2", "does not start with a number"},
        {"Name: x\nVersion: 1\nRelease: 1\n", "2-1", "cannot be an rpm Version"},
        {"Name: x\nVersion: 1\nRelease: 1\n", "", "cannot be an rpm Version"},
    };
    for (const auto& c : cases) {
        auto r = set_version(c.spec, c.version);
        ASSERT_FALSE(r) << c.spec;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(changelog_date_today().size(), 15u);
}

} // namespace
