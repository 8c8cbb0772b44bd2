#include "kaiyuan/format/validate.hpp"

#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/cyclonedx/schemas.hpp"
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate_documents.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/purl.hpp"

#include <algorithm>
#include <iterator>

namespace kaiyuan::format {

std::vector<std::string> schema_problems(std::string_view text, const Detection& d) {
    std::vector<std::string> problems;
    const std::string& v = d.version;
    // The versions kaiyuan reads; each has its own published schema.
    if (d.format == Format::cyclonedx_json || d.format == Format::cyclonedx_xml) {
        static constexpr std::string_view known[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
        if (std::find(std::begin(known), std::end(known), v) == std::end(known))
            problems.push_back(
                (v.empty() ? std::string("no specVersion") : "specVersion \"" + v + "\"") +
                " is not a CycloneDX version kaiyuan reads (1.2 to 1.7)");
    }
    if ((d.format == Format::spdx_json || d.format == Format::spdx_tv) && v != "SPDX-2.3" &&
        v != "SPDX-2.2")
        problems.push_back("spdxVersion \"" + v + "\" is not SPDX-2.2 or SPDX-2.3");
    if (d.format == Format::spdx3_json && v != "https://spdx.org/rdf/3.0.1/spdx-context.jsonld")
        problems.push_back("@context is not the SPDX 3.0.1 context");
    // CycloneDX JSON against the official schema of its own version.
    if (d.format == Format::cyclonedx_json) {
        std::string schema = cyclonedx::json_schema_name(v);
        if (const JsonSchemaSet* schemas = cyclonedx::json_schemas(); schemas && !schema.empty()) {
            if (auto found = schemas->validate(text, schema))
                for (auto& p : *found)
                    problems.push_back("schema " + v + ": " + p);
        }
    }
    return problems;
}

ValidationReport validate(std::string_view text) {
    ValidationReport report;
    auto f = inspect(text);
    if (!f) {
        report.problems.push_back(f.error().message);
        return report;
    }
    report.format = name_of(f->format);
    report.version = f->version;
    const std::string& v = f->version;
    auto schema = schema_problems(text, *f);
    report.schema_checked = f->format == Format::cyclonedx_json && cyclonedx::json_schemas() &&
                            !cyclonedx::json_schema_name(v).empty();
    for (auto& p : schema)
        report.problems.push_back(std::move(p));
    // What schemas cannot check, on the document as written, with JSON paths.
    std::vector<std::string> structural;
    if (f->format == Format::cyclonedx_json) structural = check_cyclonedx_json(text);
    // XML is checked as the JSON of the same content: paths name the JSON members
    // ($.components[2].purl is the third <component>'s <purl>).
    if (f->format == Format::cyclonedx_xml)
        if (auto json = cyclonedx::xml_as_json(text)) structural = check_cyclonedx_json(*json);
    if (f->format == Format::spdx_json) structural = check_spdx23_json(text);
    if (f->format == Format::spdx3_json) structural = check_spdx3_json(text);
    for (auto& p : structural)
        report.problems.push_back(std::move(p));
    auto sbom = read(text, "input");
    if (!sbom) {
        report.problems.push_back(sbom.error().message);
        return report;
    }
    report.components = sbom->components.size();
    report.relationships = sbom->relationships.size();
    // The model is checked for what the document checks above did not cover (purls of every
    // format but the JSON ones, license expressions of all but CycloneDX JSON).
    bool purls_checked = f->format == Format::cyclonedx_json || f->format == Format::spdx_json ||
                         f->format == Format::spdx3_json || f->format == Format::cyclonedx_xml;
    bool licenses_checked =
        f->format == Format::cyclonedx_json || f->format == Format::cyclonedx_xml;
    for (const auto& c : sbom->components) {
        std::string who = c.name + (c.version.empty() ? "" : "@" + c.version);
        if (!c.purl.empty() && !purls_checked)
            if (auto p = model::Purl::parse(c.purl); !p)
                report.problems.push_back(who + ": " + p.error().message);
        if (licenses_checked) continue;
        for (const auto* expr : {&c.license_declared, &c.license_concluded}) {
            if (expr->empty()) continue;
            if (auto e = model::LicenseExpression::parse(*expr, true); !e)
                report.problems.push_back(who + ": license '" + *expr + "': " + e.error().message);
        }
    }
    return report;
}

} // namespace kaiyuan::format
