// OpenVEX 0.2.0 (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md): one statement per
// advisory and status, naming the affected products by purl, with the action (upgrade) for
// affected ones and the justification carried over from --vex for the others.
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/vex.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kaiyuan::vuln {

std::string write_report_openvex(const Report& r) {
    using nlohmann::json;
    json statements = json::array();
    for (const auto& group : by_advisory(r.result)) {
        const Advisory& a = *group.front()->advisory;
        // Statements are per status: components of one advisory may differ.
        std::map<std::string, std::vector<const Finding*>> by_status;
        for (const Finding* f : group)
            by_status[status_of(*f)].push_back(f);
        for (const auto& [status, findings] : by_status) {
            json products = json::array();
            std::string action;
            for (const Finding* f : findings) {
                const model::Component& c = r.sbom.components[f->component];
                products.push_back({{"@id", c.purl.empty() ? c.id : c.purl}});
                if (!f->fixed.empty())
                    action += (action.empty() ? "Upgrade " : "; upgrade ") + f->package + " to " +
                              f->fixed.front() + " or later";
            }
            json vuln{{"name", a.id}};
            if (!a.aliases.empty()) vuln["aliases"] = a.aliases;
            if (!a.summary.empty()) vuln["description"] = a.summary;
            vuln["@id"] = advisory_url(a);
            json st{{"vulnerability", vuln}, {"products", products}, {"status", status}};
            if (status == "affected")
                st["action_statement"] = action.empty() ? "No fixed version is known; remove or "
                                                          "mitigate the component"
                                                        : action;
            const Finding* f = findings.front();
            if (status == "not_affected") {
                if (auto j = openvex_justification(f->vex_justification); !j.empty())
                    st["justification"] = j;
                st["impact_statement"] = f->vex_detail.empty()
                                             ? "Stated not affected by " + f->vex_source
                                             : f->vex_detail;
            } else if (!f->vex_detail.empty()) {
                st["status_notes"] = f->vex_detail;
            }
            statements.push_back(std::move(st));
        }
    }
    std::string body = statements.dump();
    json doc{{"@context", "https://openvex.dev/ns/v0.2.0"},
             {"@id", "https://openvex.dev/docs/public/kaiyuan-" +
                         util::digest_hex(util::DigestAlgorithm::sha256,
                                          r.sbom.metadata.target + r.created + body)
                             .substr(0, 32)},
             {"author", "kaiyuan"},
             {"timestamp", r.created},
             {"version", 1},
             {"tooling", std::string("kaiyuan ") + format::k_tool_version},
             {"statements", statements}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace kaiyuan::vuln
