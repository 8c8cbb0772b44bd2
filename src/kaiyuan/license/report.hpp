#pragma once
/// What `kaiyuan license` writes: a table for people, JSON for programs.
#include "kaiyuan/license/file_scan.hpp"

#include <string>

namespace kaiyuan::license {

enum class LicenseReportFormat { table, json, spdx_json, notice };

Result<LicenseReportFormat> parse_license_report_format(std::string_view name);

/// A license finding that a policy does not accept.
struct PolicyViolation {
    std::string path;
    std::uint32_t line = 0;
    std::string expression;
    std::vector<std::string> reasons;
};

/// A package found in the target with the licenses of its files (package_licenses.hpp).
struct PackageLicenses {
    std::string name, version, purl, declared, concluded;
    std::uint64_t files_with_licenses = 0;
};

struct LicenseReport {
    const LicenseScan& scan;
    std::string target, created;
    std::vector<PolicyViolation> violations = {}; ///< with --policy
    std::vector<PackageLicenses> packages = {};   ///< packages whose files are known
};

std::string write_license_report(const LicenseReport& report, LicenseReportFormat format);

/// The SPDX 2.3 document of the report (report_spdx.cpp).
std::string write_license_spdx(const LicenseReport& report);
/// The attribution notice: licenses, holders, texts (report_notice.cpp).
std::string write_license_notice(const LicenseReport& report);

/// Files with at least one license finding of each license id or expression, by name.
std::vector<std::pair<std::string, std::uint64_t>> license_counts(const LicenseScan& scan);

} // namespace kaiyuan::license
