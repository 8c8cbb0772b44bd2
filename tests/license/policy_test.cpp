#include "kaiyuan/license/policy.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::license;

namespace {

PolicyVerdict judge(const Policy& p, std::string_view text) {
    auto e = model::LicenseExpression::parse(text);
    EXPECT_TRUE(e) << text;
    return e ? evaluate(p, *e) : PolicyVerdict{false, {"unparsable"}};
}

} // namespace

TEST(Policy, allow_and_deny_by_id_and_category) {
    auto p = read_policy("# company policy\n"
                         "allow: [GPL-2.0-only]\n"
                         "deny:\n  - AGPL-3.0+\n"
                         "allow-categories: [permissive, public-domain, weak-copyleft]\n"
                         "deny-categories: [network-copyleft]\n",
                         "policy.yaml");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_TRUE(judge(*p, "MIT").accepted);
    EXPECT_TRUE(judge(*p, "GPL-2.0").accepted); // GPL-2.0-only by its current name
    EXPECT_TRUE(judge(*p, "MPL-2.0 AND CC0-1.0").accepted);
    EXPECT_TRUE(judge(*p, "GPL-3.0-only OR MIT").accepted); // a choice that is accepted
    EXPECT_TRUE(judge(*p, "GPL-2.0-only WITH Classpath-exception-2.0").accepted);
    auto v = judge(*p, "GPL-3.0-only");
    EXPECT_FALSE(v.accepted);
    EXPECT_EQ(v.reasons, std::vector<std::string>{"GPL-3.0-only (strong-copyleft) is not allowed"});
    v = judge(*p, "MIT AND AGPL-3.0-or-later");
    EXPECT_FALSE(v.accepted);
    EXPECT_EQ(v.reasons, std::vector<std::string>{"AGPL-3.0-or-later is denied"});
    v = judge(*p, "SSPL-1.0 OR GPL-3.0-only");
    EXPECT_FALSE(v.accepted);
    EXPECT_EQ(v.reasons.size(), 2u);
    EXPECT_FALSE(judge(*p, "LicenseRef-acme-eula").accepted); // unknown category
}

TEST(Policy, without_an_allow_list_everything_not_denied_passes) {
    auto p = read_policy("{\"deny-categories\": [\"strong-copyleft\"]}", "policy.json");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_TRUE(judge(*p, "LicenseRef-acme-eula").accepted);
    EXPECT_FALSE(judge(*p, "GPL-2.0-or-later").accepted);
}

TEST(Policy, mistakes_in_the_file_name_file_and_line) {
    auto bad_id = read_policy("allow:\n  - MIT\n  - MITT\n", "p.yaml");
    ASSERT_FALSE(bad_id);
    EXPECT_NE(bad_id.error().message.find("p.yaml:3"), std::string::npos) << bad_id.error().message;
    EXPECT_FALSE(read_policy("allow-categories: [copyleft]\n", "p.yaml"));
    EXPECT_FALSE(read_policy("allowed: [MIT]\n", "p.yaml"));
    EXPECT_FALSE(read_policy("allow: MIT\n", "p.yaml"));
    EXPECT_FALSE(read_policy("- MIT\n", "p.yaml"));
    EXPECT_FALSE(read_policy("allow: [\n", "p.yaml"));
}
