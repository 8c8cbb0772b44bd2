/// `kaiyuan user`: the people who sign in to the web UI. The first admin is made here, on the
/// store's machine, since no one can sign in yet to make them through the API.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/store_options.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <nlohmann/json.hpp>
#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace kaiyuan::cli {

namespace {

/// A line of standard input without echo (on a terminal, asked twice); else the first line.
std::string read_password() {
    if (!::isatty(STDIN_FILENO)) {
        std::string line;
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    auto ask = [](const char* prompt) {
        std::cerr << prompt << std::flush;
        termios old{};
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::string line;
        std::getline(std::cin, line);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
        return line;
    };
    std::string first = ask("password: ");
    if (ask("again: ") != first) throw CommandError{"the two passwords differ"};
    return first;
}

} // namespace

void register_user(CLI::App& app) {
    auto* cmd = app.add_subcommand("user", "create, list, change and delete web UI users");
    cmd->require_subcommand(1);

    struct CreateArgs {
        std::string database, name;
        std::vector<std::string> teams, permissions;
    };
    auto create = std::make_shared<CreateArgs>();
    auto* c = cmd->add_subcommand(
        "create", "make a user; the password is read from standard input (asked on a terminal)");
    add_database_option(*c, create->database);
    c->add_option("--name", create->name, "the user's sign-in name")->required();
    c->add_option("--team", create->teams, "a team the user belongs to (repeatable)")->required();
    c->add_option(
         "--permission", create->permissions,
         "give the teams these permissions (read, upload, triage, admin, sign; repeatable); "
         "needed for a team that does not exist yet")
        ->check(CLI::IsMember({"read", "upload", "triage", "admin", "sign"}));
    c->callback([create] {
        auto s = open_store(create->database);
        if (!create->permissions.empty()) {
            std::vector<store::Permission> ps;
            for (const auto& p : create->permissions)
                ps.push_back(*store::parse_permission(p));
            for (const auto& team : create->teams)
                if (auto r = s->put_team(team, ps); !r)
                    throw CommandError{store::message_of(r.error())};
        }
        std::string password = read_password();
        auto made = s->create_user(create->name, password, create->teams);
        if (!made) {
            std::string why = store::message_of(made.error());
            if (store::kind_of(made.error()) == store::ErrorKind::not_found)
                why += "; give --permission to make the team";
            throw CommandError{why};
        }
        std::cerr << "user '" << made->name << "' created in " << made->teams.size()
                  << " team(s) with permissions:";
        for (const auto& p : made->permissions)
            std::cerr << " " << p;
        std::cerr << "\n";
    });

    struct ListArgs {
        std::string database;
        OutputOptions out;
    };
    auto list = std::make_shared<ListArgs>();
    auto* l = cmd->add_subcommand("list", "the users, their teams and permissions");
    add_database_option(*l, list->database);
    list->out.add_to(*l, true);
    l->callback([list] {
        auto s = open_store(list->database);
        auto users = s->list_users();
        if (!users) throw CommandError{users.error().message};
        auto join = [](const std::vector<std::string>& xs) {
            std::string out;
            for (const auto& x : xs)
                out += (out.empty() ? "" : ",") + x;
            return out;
        };
        if (list->out.resolve_format() == format::Format::table) {
            util::TextTable t;
            t.headers = {"NAME", "TEAMS", "PERMISSIONS", "CREATED", "LAST LOGIN", "DISABLED"};
            for (const auto& u : *users)
                t.rows.push_back({u.name, join(u.teams), join(u.permissions), u.created_at,
                                  u.last_login_at, u.disabled_at});
            list->out.emit(util::render(t, util::terminal_width()));
            return;
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& u : *users)
            items.push_back({{"name", u.name},
                             {"teams", u.teams},
                             {"permissions", u.permissions},
                             {"createdAt", u.created_at},
                             {"lastLoginAt", u.last_login_at},
                             {"disabledAt", u.disabled_at}});
        list->out.emit(items.dump(2) + "\n");
    });

    struct PasswordArgs {
        std::string database, name;
    };
    auto password = std::make_shared<PasswordArgs>();
    auto* p = cmd->add_subcommand(
        "password", "set a user's password (from standard input); ends their sessions");
    add_database_option(*p, password->database);
    p->add_option("NAME", password->name, "the user")->required();
    p->callback([password] {
        auto s = open_store(password->database);
        store::UserChange change;
        change.password = read_password();
        if (auto r = s->update_user(password->name, change); !r)
            throw CommandError{store::message_of(r.error())};
    });

    auto remove = std::make_shared<PasswordArgs>();
    auto* d = cmd->add_subcommand("delete", "delete a user (the audit trail keeps their name)");
    add_database_option(*d, remove->database);
    d->add_option("NAME", remove->name, "the user")->required();
    d->callback([remove] {
        auto s = open_store(remove->database);
        if (auto r = s->delete_user(remove->name); !r)
            throw CommandError{store::message_of(r.error())};
    });
}

} // namespace kaiyuan::cli
