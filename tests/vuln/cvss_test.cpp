// Scores from FIRST's published examples ("CVSS v3.1: Examples"; the CVSS v4.0 specification
// and its examples); tests/e2e/cvss_agrees.sh compares 33,000 more with an independent calculator.
#include "kaiyuan/vuln/cvss.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::vuln;

TEST(Cvss3, first_examples) {
    struct Case {
        const char* vector;
        double score;
        const char* severity;
    } cases[] = {
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"},   // CVE-2013-1937
        {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, "medium"},   // CVE-2013-0375
        {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, "low"},      // CVE-2014-3566
        {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "critical"}, // CVE-2012-1516
        {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, "medium"},   // CVE-2009-0783
        {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "high"},     // CVE-2012-0384
        {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, "high"},     // CVE-2015-1098
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"},     // CVE-2014-0160
        {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"}, // CVE-2014-6271
        {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, "medium"},   // CVE-2008-1447
        {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, "medium"},   // CVE-2014-2005
    };
    for (const auto& c : cases) {
        auto s = cvss3_base(c.vector);
        ASSERT_TRUE(s) << c.vector << ": " << s.error().message;
        EXPECT_DOUBLE_EQ(s->score, c.score) << c.vector;
        EXPECT_EQ(s->severity, c.severity) << c.vector;
    }
    EXPECT_EQ(cvss3_base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")->score, 0.0);
    // Without a prefix (openEuler's CVRF) the vector is read as v3.1.
    EXPECT_EQ(cvss3_base("AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")->score, 7.5);
}

TEST(Cvss3, malformed_vectors_name_the_metric) {
    auto missing = cvss3_base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("no A"), std::string::npos) << missing.error().message;
    auto bad_value = cvss3_base("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    ASSERT_FALSE(bad_value);
    EXPECT_NE(bad_value.error().message.find("AV:X"), std::string::npos);
    EXPECT_FALSE(cvss3_base("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    EXPECT_FALSE(cvss3_base("CVSS:2.0/AV:N"));
    EXPECT_FALSE(cvss_base("AV:N/AC:L/Au:N/C:P/I:P/A:P")); // CVSS v2: not scored
    EXPECT_FALSE(cvss_base(""));
}

TEST(Cvss4, first_examples_and_edges) {
    // The specification's examples (section 8) and FIRST's v4.0 examples document.
    EXPECT_DOUBLE_EQ(
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")->score, 9.3);
    EXPECT_DOUBLE_EQ(
        cvss4_base("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")->score, 8.5);
    EXPECT_DOUBLE_EQ(
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")->score, 0.0);
    // Threat metrics lower the score; the ordering of metrics does not matter.
    double base =
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")->score;
    double unproven =
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U")->score;
    EXPECT_LT(unproven, base);
    EXPECT_EQ(
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")->severity,
        "critical");
    EXPECT_FALSE(cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")); // no SA
    EXPECT_FALSE(cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:Q"));
    EXPECT_FALSE(
        cvss4_base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:1"));
    EXPECT_FALSE(cvss4_base("CVSS:4.0/"));
}
