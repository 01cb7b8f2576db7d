#include "core/graph/linecounter.h"

#include "core/base/text.h"

#include <algorithm>
#include <cstdio>

namespace trellis::graph {

namespace {

/// Comment syntax of a language.
struct Syntax {
    std::vector<std::string_view> lineComments;
    std::string_view blockOpen;   ///< "" = none
    std::string_view blockClose;
    bool docstrings = false;      ///< Python: a line starting with a triple quote opens a comment block
};

Syntax syntaxOf(std::string_view language)
{
    if (language == "Python")
        return {{"#"}, {}, {}, true};
    if (language == "Shell" || language == "BUILD" || language == "TOML" || language == "YAML"
        || language == "Dockerfile" || language == "Requirements" || language == "Makefile")
        return {{"#"}, {}, {}, false};
    if (language == "INI")
        return {{"#", ";"}, {}, {}, false};
    if (language == "C" || language == "C++" || language == "C Header" || language == "JavaScript"
        || language == "TypeScript" || language == "Go" || language == "Rust" || language == "Java")
        return {{"//"}, "/*", "*/", false};
    if (language == "SQL")
        return {{"--"}, "/*", "*/", false};
    if (language == "HTML" || language == "Markdown")
        return {{}, "<!--", "-->", false};
    return {};
}

std::string_view basename(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

std::string languageOf(std::string_view path)
{
    const std::string_view name = basename(path);
    if (name == "BUILD" || name.starts_with("BUILD."))
        return "BUILD";
    if (name == "Dockerfile" || name.starts_with("Dockerfile."))
        return "Dockerfile";
    if (name == "Makefile")
        return "Makefile";
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
        return {};
    const std::string_view ext = name.substr(dot + 1);
    struct Entry {
        std::string_view ext;
        std::string_view language;
    };
    static constexpr Entry kByExtension[] = {
        {"py", "Python"}, {"pyi", "Python"}, {"sh", "Shell"}, {"bash", "Shell"}, {"toml", "TOML"},
        {"yaml", "YAML"}, {"yml", "YAML"}, {"json", "JSON"}, {"md", "Markdown"}, {"rst", "ReStructuredText"},
        {"txt", "Plain Text"}, {"cfg", "INI"}, {"ini", "INI"}, {"c", "C"}, {"h", "C Header"}, {"cc", "C++"},
        {"cpp", "C++"}, {"hpp", "C++"}, {"js", "JavaScript"}, {"ts", "TypeScript"}, {"go", "Go"}, {"rs", "Rust"},
        {"java", "Java"}, {"sql", "SQL"}, {"html", "HTML"}, {"lock", "Lockfile"},
    };
    for (const Entry &e : kByExtension) {
        if (e.ext == ext)
            return std::string(name == "requirements.txt" ? std::string_view("Requirements") : e.language);
    }
    return {};
}

LineCounts countLines(std::string_view text, std::string_view language)
{
    const Syntax syntax = syntaxOf(language);
    LineCounts counts;
    std::string_view closer; // non-empty while inside a block comment or docstring
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = base::stripped(text.substr(pos, end - pos));
        pos = end + 1;
        ++counts.lines;
        if (line.empty()) {
            ++counts.blanks;
            continue;
        }
        if (!closer.empty()) {
            ++counts.comments;
            if (line.find(closer) != std::string_view::npos)
                closer = {};
            continue;
        }
        bool comment = false;
        for (std::string_view marker : syntax.lineComments) {
            if (line.starts_with(marker))
                comment = true;
        }
        if (!comment && !syntax.blockOpen.empty() && line.starts_with(syntax.blockOpen)) {
            comment = true;
            const std::string_view rest = line.substr(syntax.blockOpen.size());
            if (rest.find(syntax.blockClose) == std::string_view::npos)
                closer = syntax.blockClose;
        }
        if (!comment && syntax.docstrings) {
            for (std::string_view quote : {std::string_view("\"\"\""), std::string_view("'''")}) {
                // Prefixes like r""" are docstrings as well.
                const size_t at = line.find(quote);
                if (at == std::string_view::npos || at > 2 || line.substr(0, at).find_first_not_of("rRuUbB") != std::string_view::npos)
                    continue;
                comment = true;
                if (line.substr(at + 3).find(quote) == std::string_view::npos)
                    closer = quote;
                break;
            }
        }
        if (comment)
            ++counts.comments;
        else
            ++counts.code;
    }
    return counts;
}

bool LineCounter::addFile(std::string_view path, std::string_view text)
{
    const std::string language = languageOf(path);
    if (language.empty())
        return false;
    const LineCounts c = countLines(text, language);
    LanguageCount &entry = m_languages[language];
    entry.language = language;
    ++entry.files;
    entry.counts.lines += c.lines;
    entry.counts.blanks += c.blanks;
    entry.counts.comments += c.comments;
    entry.counts.code += c.code;
    return true;
}

std::vector<LanguageCount> LineCounter::summary() const
{
    std::vector<LanguageCount> out;
    for (const auto &[name, count] : m_languages)
        out.push_back(count);
    std::stable_sort(out.begin(), out.end(),
                     [](const LanguageCount &a, const LanguageCount &b) { return a.files > b.files; });
    return out;
}

std::string formatLocTable(const std::vector<LanguageCount> &languages)
{
    std::string rule;
    for (int i = 0; i < 70; ++i)
        rule += "\u2500";
    rule += '\n';
    char buf[256];
    const auto row = [&buf](std::string_view name, const std::string &files, const std::string &lines,
                            const std::string &blanks, const std::string &comments, const std::string &code) {
        std::snprintf(buf, sizeof buf, "%-20.*s %9s %9s %9s %9s %9s\n", static_cast<int>(name.size()), name.data(),
                      files.c_str(), lines.c_str(), blanks.c_str(), comments.c_str(), code.c_str());
        return std::string(buf);
    };
    std::string out = rule + row("Language", "Files", "Lines", "Blanks", "Comments", "Code") + rule;
    LanguageCount total;
    for (const LanguageCount &l : languages) {
        out += row(l.language, std::to_string(l.files), std::to_string(l.counts.lines),
                   std::to_string(l.counts.blanks), std::to_string(l.counts.comments), std::to_string(l.counts.code));
        total.files += l.files;
        total.counts.lines += l.counts.lines;
        total.counts.blanks += l.counts.blanks;
        total.counts.comments += l.counts.comments;
        total.counts.code += l.counts.code;
    }
    out += rule;
    out += row("Total", std::to_string(total.files), std::to_string(total.counts.lines),
               std::to_string(total.counts.blanks), std::to_string(total.counts.comments),
               std::to_string(total.counts.code));
    out += rule;
    return out;
}

} // namespace trellis::graph
