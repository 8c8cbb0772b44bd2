// SPDX's machine-readable license list read at run time (--license-data). Its own executable:
// use_license_list_data changes the process's license list for good.
#include "../source/test_archives.hpp"
#include "kaiyuan/license/detector.hpp"
#include "kaiyuan/license/license_data.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

using namespace kaiyuan;
using namespace kaiyuan::license;

namespace {

// Texts written for these tests; no license of the SPDX list says this.
constexpr const char* k_fixture_license =
    "Kaiyuan Fixture License 1.0. Anyone who receives this fixture may copy it, bend it, fold it, "
    "print it on kites and fly them over the harbour, provided that every kite carries a small "
    "drawing of a lighthouse and the words fixture license printed in blue ink. Nothing here "
    "promises that the kites will fly, that the harbour will stay calm, or that the ink will last "
    "through the rain of the northern winter.";
constexpr const char* k_fixture_exception =
    "As a special fixture exception, the holders of this test let you ship the harbour kite "
    "program together with modules that carry any drawing at all, lighthouse or not, and such "
    "shipping does not by itself put those modules under the license of the kite program.";

// Its standard header, with a part that varies (SPDX's template syntax, JSON-escaped).
constexpr const char* k_fixture_header_template =
    "This kite program may be flown under the Kaiyuan Fixture License 1.0 only where "
    "<<var;name=\\\"owner\\\";original=\\\"the harbour master\\\";match=\\\".+\\\">> keeps a "
    "lighthouse lit, and nowhere else on the northern coast.";

std::string entry(const char* id_key, const std::string& id, bool deprecated = false) {
    return "{\"" + std::string(id_key) + "\": \"" + id + "\", \"name\": \"" + id +
           " name\", \"isOsiApproved\": false, \"isDeprecatedLicenseId\": " +
           (deprecated ? "true" : "false") + "}";
}

/// A list of two licenses and one exception with texts, and entries that must be left out: one
/// whose details file is missing, one whose details have no text, one with an invalid id.
void write_fixture_list(const test::TempDir& dir) {
    dir.write("json/licenses.json", "{\"licenseListVersion\": \"9.99\", \"licenses\": [" +
                                        entry("licenseId", "Kaiyuan-Fixture-1.0") + "," +
                                        entry("licenseId", "Kaiyuan-Missing-1.0") + "," +
                                        entry("licenseId", "Kaiyuan-Empty-1.0") + "," +
                                        entry("licenseId", "bad id!") + "]}");
    dir.write("json/details/Kaiyuan-Fixture-1.0.json",
              std::string("{\"licenseId\": \"Kaiyuan-Fixture-1.0\", \"licenseText\": \"") +
                  k_fixture_license + "\", \"standardLicenseHeaderTemplate\": \"" +
                  k_fixture_header_template + "\"}");
    dir.write("json/details/Kaiyuan-Empty-1.0.json", "{\"licenseId\": \"Kaiyuan-Empty-1.0\"}");
    dir.write("json/exceptions.json", "{\"licenseListVersion\": \"9.99\", \"exceptions\": [" +
                                          entry("licenseExceptionId", "Kaiyuan-Kite-exception") +
                                          "]}");
    dir.write("json/exceptions/Kaiyuan-Kite-exception.json",
              std::string("{\"licenseExceptionText\": \"") + k_fixture_exception + "\"}");
}

bool mentions(const std::vector<model::Diagnostic>& diagnostics, std::string_view path_part,
              std::string_view message_part) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const model::Diagnostic& d) {
        return d.location.path.find(path_part) != std::string::npos &&
               d.message.find(message_part) != std::string::npos;
    });
}

} // namespace

TEST(LicenseData, reads_a_list_and_says_what_it_left_out) {
    test::TempDir dir;
    write_fixture_list(dir);
    // Both the checkout (holding json/) and the json/ folder itself are accepted.
    for (const std::string& root : {dir.path, dir.path + "/json"}) {
        auto data = read_license_list_data(root);
        ASSERT_TRUE(data) << data.error().message;
        EXPECT_EQ(data->version, "9.99");
        ASSERT_EQ(data->licenses.size(), 1u);
        EXPECT_EQ(data->licenses[0].id, "Kaiyuan-Fixture-1.0");
        EXPECT_EQ(data->licenses[0].text, k_fixture_license);
        ASSERT_EQ(data->exceptions.size(), 1u);
        EXPECT_EQ(data->exceptions[0].id, "Kaiyuan-Kite-exception");
        EXPECT_EQ(data->diagnostics.size(), 3u);
        EXPECT_TRUE(mentions(data->diagnostics, "details/Kaiyuan-Missing-1.0.json",
                             "Kaiyuan-Missing-1.0 left out"));
        EXPECT_TRUE(
            mentions(data->diagnostics, "details/Kaiyuan-Empty-1.0.json", "no \"licenseText\""));
        EXPECT_TRUE(mentions(data->diagnostics, "licenses.json", "without a valid \"licenseId\""));
    }
}

TEST(LicenseData, malformed_lists_are_errors_naming_the_file) {
    test::TempDir dir;
    EXPECT_FALSE(read_license_list_data(dir.path + "/nowhere"));

    dir.write("a/licenses.json", "{\"licenses\": [");
    auto truncated = read_license_list_data(dir.path + "/a");
    ASSERT_FALSE(truncated);
    EXPECT_NE(truncated.error().message.find("a/licenses.json: invalid JSON"), std::string::npos)
        << truncated.error().message;

    dir.write("b/licenses.json", "{\"packages\": []}");
    auto other = read_license_list_data(dir.path + "/b");
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("not an SPDX license list"), std::string::npos);

    // A license list without exceptions.json is not the whole list.
    write_fixture_list(dir);
    std::filesystem::remove(dir.path + "/json/exceptions.json");
    auto no_exceptions = read_license_list_data(dir.path);
    ASSERT_FALSE(no_exceptions);
    EXPECT_NE(no_exceptions.error().message.find("exceptions.json"), std::string::npos);

    EXPECT_FALSE(parse_license_details("[1, 2]", ListKind::exceptions));
    EXPECT_FALSE(parse_license_details("{\"licenseText\": 7}", ListKind::licenses));
}

TEST(LicenseData, a_list_in_use_adds_its_licenses_and_exceptions_to_detection) {
    test::TempDir dir;
    write_fixture_list(dir);
    auto data = read_license_list_data(dir.path);
    ASSERT_TRUE(data) << data.error().message;
    ASSERT_EQ(find_license("Kaiyuan-Fixture-1.0"), nullptr);
    use_license_list_data(std::move(*data));

    const LicenseInfo* fixture = find_license("kaiyuan-fixture-1.0");
    ASSERT_NE(fixture, nullptr);
    EXPECT_EQ(fixture->id, "Kaiyuan-Fixture-1.0");
    EXPECT_EQ(model::canonical_license_id("KAIYUAN-FIXTURE-1.0"), "Kaiyuan-Fixture-1.0");
    EXPECT_EQ(model::canonical_exception_id("kaiyuan-kite-exception"), "Kaiyuan-Kite-exception");
    EXPECT_TRUE(model::LicenseExpression::parse("MIT WITH Kaiyuan-Kite-exception", true));

    auto found = detect_licenses(std::string("/*\n * Copyright 2026 Kite Makers\n *\n * ") +
                                 k_fixture_license + "\n */\n");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].expression, "Kaiyuan-Fixture-1.0");

    // Its header is a notice, the varying part replaced.
    auto header = detect_licenses(
        "# This kite program may be flown under the Kaiyuan Fixture License 1.0 only where\n"
        "# the Lighthouse Society of Kaiyuan keeps a lighthouse lit, and nowhere else on the\n"
        "# northern coast.\n");
    ASSERT_EQ(header.size(), 1u);
    EXPECT_EQ(header[0].expression, "Kaiyuan-Fixture-1.0");
    EXPECT_EQ(header[0].kind, LicenseMatch::Kind::notice);

    // The exception joins the GPL notice beside it; the compiled-in licenses are still found.
    auto joined = detect_licenses(
        std::string("This program is free software; you can redistribute it and/or modify it\n"
                    "under the terms of the GNU General Public License as published by the Free\n"
                    "Software Foundation; either version 2 of the License, or (at your option)\n"
                    "any later version.\n\n") +
        k_fixture_exception + "\n");
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].expression, "GPL-2.0-or-later WITH Kaiyuan-Kite-exception");
}

TEST(LicenseData, reads_spdx_license_list_data) {
    const std::string dir = std::string(KAIYUAN_SHARED_DATA) + "/spdx-license-list/json";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " is absent";
    auto data = read_license_list_data(dir);
    ASSERT_TRUE(data) << data.error().message;
    EXPECT_TRUE(data->diagnostics.empty());
    EXPECT_GT(data->licenses.size(), 700u);
    EXPECT_GT(data->exceptions.size(), 80u);
    auto has = [](const std::vector<LicenseListData::Entry>& list, std::string_view id) {
        return std::any_of(list.begin(), list.end(),
                           [&](const auto& e) { return e.id == id && !e.text.empty(); });
    };
    EXPECT_TRUE(has(data->licenses, "MulanPSL-2.0"));
    EXPECT_TRUE(has(data->licenses, "GPL-2.0+")); // a deprecated id of the list's own spelling
    EXPECT_TRUE(has(data->exceptions, "LLVM-exception"));
    // Standard headers come with the licenses that have one.
    auto header_of = [&](std::string_view id) {
        for (const auto& e : data->licenses)
            if (e.id == id) return e.header;
        return std::string();
    };
    EXPECT_NE(header_of("MPL-2.0").find("Mozilla Public License, v. 2.0"), std::string::npos);
    EXPECT_NE(header_of("AFL-3.0").find("Academic Free License version 3.0"), std::string::npos);
    EXPECT_TRUE(header_of("MIT").empty());
}
