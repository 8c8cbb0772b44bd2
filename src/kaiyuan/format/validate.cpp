#include "kaiyuan/format/validate.hpp"

#include "kaiyuan/format/format.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/purl.hpp"

namespace kaiyuan::format {

ValidationReport validate(std::string_view text) {
    ValidationReport report;
    auto f = detect(text);
    if (!f) {
        report.problems.push_back(f.error().message);
        return report;
    }
    report.format = name_of(*f);
    auto window = text.substr(0, 1 << 16);
    if (*f == Format::cyclonedx_json &&
        window.find("\"specVersion\": \"1.6\"") == std::string_view::npos &&
        window.find("\"specVersion\":\"1.6\"") == std::string_view::npos)
        report.problems.push_back(
            "specVersion is not \"1.6\" (kaiyuan reads it, but it is not CycloneDX 1.6)");
    if (*f == Format::spdx_json && window.find("SPDX-2.3") == std::string_view::npos)
        report.problems.push_back("spdxVersion is not SPDX-2.3");
    if (*f == Format::spdx3_json &&
        window.find("https://spdx.org/rdf/3.0.1/spdx-context.jsonld") == std::string_view::npos)
        report.problems.push_back("@context is not the SPDX 3.0.1 context");
    auto sbom = read(text, "input");
    if (!sbom) {
        report.problems.push_back(sbom.error().message);
        return report;
    }
    report.components = sbom->components.size();
    report.relationships = sbom->relationships.size();
    for (const auto& c : sbom->components) {
        std::string who = c.name + (c.version.empty() ? "" : "@" + c.version);
        if (!c.purl.empty())
            if (auto p = model::Purl::parse(c.purl); !p)
                report.problems.push_back(who + ": " + p.error().message);
        for (const auto* expr : {&c.license_declared, &c.license_concluded}) {
            if (expr->empty()) continue;
            if (auto e = model::LicenseExpression::parse(*expr, true); !e)
                report.problems.push_back(who + ": license '" + *expr + "': " + e.error().message);
        }
    }
    return report;
}

} // namespace kaiyuan::format
