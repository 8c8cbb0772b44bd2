// openEuler CVRF 1.1 documents: DocumentTracking (ID, dates), the ProductTree's "Package Arch"
// branches (each FullProductName an rpm file fixed in the product its CPE names), one alias per
// Vulnerability's CVE, CVSS base vectors and the impact threat.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/openeuler.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace kaiyuan::vuln {

namespace {

/// The openEuler release of a CPE "cpe:/a:openEuler:openEuler:22.03-LTS-SP1" as a product name.
std::string product_of_cpe(std::string_view cpe) {
    auto colon = cpe.rfind(':');
    if (colon == std::string_view::npos) return {};
    return "openEuler-" + std::string(cpe.substr(colon + 1));
}

} // namespace

Result<Advisory> read_openeuler_cvrf(std::string_view xml_text) {
    pugi::xml_document doc;
    auto parsed = doc.load_buffer(xml_text.data(), xml_text.size());
    if (!parsed)
        return fail(std::string("invalid XML at byte ") + std::to_string(parsed.offset) + ": " +
                    parsed.description());
    pugi::xml_node root = doc.child("cvrfdoc");
    if (!root) return fail("not a CVRF document (no cvrfdoc element)");
    Advisory adv;
    pugi::xml_node tracking = root.child("DocumentTracking");
    adv.id = tracking.child("Identification").child_value("ID");
    if (adv.id.empty()) return fail("CVRF document without DocumentTracking/Identification/ID");
    adv.published = tracking.child_value("InitialReleaseDate");
    adv.modified = tracking.child_value("CurrentReleaseDate");
    if (adv.modified.empty()) adv.modified = adv.published;
    if (adv.modified.empty()) // then the latest revision (the dates share openEuler's zone)
        for (pugi::xml_node r : tracking.child("RevisionHistory").children("Revision"))
            adv.modified = std::max(adv.modified, std::string(r.child_value("Date")));
    // CVRF 1.1 requires both dates; OSV requires 'modified', so an advisory without any date
    // could not be stored.
    if (adv.modified.empty())
        return fail(adv.id + ": no DocumentTracking CurrentReleaseDate, InitialReleaseDate or "
                             "RevisionHistory date");
    adv.summary = root.child_value("DocumentTitle");
    for (pugi::xml_node note : root.child("DocumentNotes").children("Note")) {
        std::string_view title = note.attribute("Title").value();
        if (title == "Description") adv.details = note.child_value();
        if (title == "Severity") adv.stated_severity = util::to_upper(note.child_value());
    }
    for (pugi::xml_node ref : root.child("DocumentReferences").children("Reference"))
        adv.references.push_back(
            {std::strcmp(ref.attribute("Type").value(), "Self") == 0 ? "ADVISORY" : "WEB",
             ref.child_value("URL")});
    // Hot patch advisories (openEuler-HotPatchSA-...) list their packages in a HotPatchTree.
    for (const char* tree : {"ProductTree", "HotPatchTree"})
        for (pugi::xml_node branch : root.child(tree).children("Branch")) {
            if (std::strcmp(branch.attribute("Type").value(), "Package Arch") != 0) continue;
            for (pugi::xml_node p : branch.children("FullProductName"))
                add_openeuler_fix(adv, product_of_cpe(p.attribute("CPE").value()), p.child_value());
        }
    for (pugi::xml_node v : root.children("Vulnerability")) {
        std::string cve = v.child_value("CVE");
        if (!cve.empty() &&
            std::find(adv.aliases.begin(), adv.aliases.end(), cve) == adv.aliases.end())
            adv.aliases.push_back(cve);
        for (pugi::xml_node set : v.child("CVSSScoreSets").children("ScoreSet")) {
            std::string vector = set.child_value("Vector");
            if (!vector.empty() &&
                std::none_of(adv.severity.begin(), adv.severity.end(),
                             [&](const SeverityScore& s) { return s.score == vector; }))
                adv.severity.push_back({"CVSS_V3", vector});
        }
    }
    if (adv.affected.empty())
        return fail(adv.id + ": no fixed openEuler package in the product tree");
    return adv;
}

} // namespace kaiyuan::vuln
