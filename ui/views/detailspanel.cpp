#include "ui/views/detailspanel.h"

#include "ui/uitr.h"

#include "core/graph/traversal.h"

#include <QCheckBox>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace trellis::ui {

namespace {

QString edgeKindText(infer::EdgeKind kind)
{
    switch (kind) {
    case infer::EdgeKind::Explicit: return Tr::tr("explicit");
    case infer::EdgeKind::Inferred: return Tr::tr("import");
    case infer::EdgeKind::Generated: return Tr::tr("generated");
    case infer::EdgeKind::Conftest: return Tr::tr("conftest.py");
    case infer::EdgeKind::InitFile: return Tr::tr("__init__.py");
    case infer::EdgeKind::EntryPoint: return Tr::tr("entry point");
    case infer::EdgeKind::Requirement: return Tr::tr("requirement");
    }
    return {};
}

QString esc(const QString &s) { return s.toHtmlEscaped(); }

/// Items a list shows before "show all": a generator's hundreds of sources or a
/// transitive closure of thousands would take the UI thread a second to lay out.
constexpr int kListedItems = 100;

} // namespace

DetailsPanel::DetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_transitive(new QCheckBox(Tr::tr("Show transitive dependencies and dependents"), this))
    , m_browser(new QTextBrowser(this))
{
    m_transitive->setToolTip(Tr::tr("List every target reachable through dependencies, not only direct ones"));
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsPanel::onAnchorClicked);
    connect(m_transitive, &QCheckBox::toggled, this, &DetailsPanel::render);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_transitive);
    layout->addWidget(m_browser, 1);
    render();
}

void DetailsPanel::setSnapshot(SnapshotPtr snapshot)
{
    // Keep showing the same address across reloads when it still exists.
    QString address;
    if (m_snapshot && m_target >= 0 && m_target < m_snapshot->targetCount())
        address = qs(m_snapshot->target(m_target).address.toString());
    m_snapshot = std::move(snapshot);
    m_target = -1;
    if (m_snapshot && !address.isEmpty()) {
        if (auto parsed = workspace::Address::parse(address.toStdString()))
            m_target = m_snapshot->workspace->indexOf(*parsed);
    }
    if (m_target < 0)
        m_expanded.clear();
    render();
}

void DetailsPanel::showTarget(int targetIndex)
{
    const int target = (m_snapshot && targetIndex >= 0 && targetIndex < m_snapshot->targetCount()) ? targetIndex : -1;
    if (target != m_target)
        m_expanded.clear();
    m_target = target;
    render();
}

void DetailsPanel::showAll(const QString &list)
{
    m_expanded.insert(list);
    render();
}

QString DetailsPanel::listHtml(const QString &list, int count, const std::function<QString(int)> &item)
{
    const int shown = m_expanded.contains(list) ? count : std::min(count, kListedItems);
    QString html = QStringLiteral("<ul style=\"margin-left:-20px\">");
    for (int i = 0; i < shown; ++i)
        html += QStringLiteral("<li>%1</li>").arg(item(i));
    if (shown < count)
        html += QStringLiteral("<li><a href=\"more:%1\">%2</a></li>")
                    .arg(list, esc(Tr::tr("Show all %n (%1 more)", nullptr, count).arg(count - shown)));
    html += QStringLiteral("</ul>");
    return html;
}

void DetailsPanel::setTransitive(bool transitive) { m_transitive->setChecked(transitive); }
bool DetailsPanel::isTransitive() const { return m_transitive->isChecked(); }
QString DetailsPanel::plainText() const { return m_browser->toPlainText(); }

QString DetailsPanel::targetLink(int targetIndex) const
{
    return QStringLiteral("<a href=\"t:%1\">%2</a>").arg(targetIndex).arg(esc(qs(m_snapshot->target(targetIndex).address.toString())));
}

QString DetailsPanel::locationLink(const QString &file, int line, const QString &text)
{
    m_locations.emplace_back(file, line);
    const QString label = text.isEmpty() ? (line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file) : text;
    return QStringLiteral("<a href=\"f:%1\">%2</a>").arg(m_locations.size() - 1).arg(esc(label));
}

QString DetailsPanel::edgeReason(int from, int to)
{
    const graph::EdgeInfo edge = m_snapshot->graph->edge(from, to);
    if (edge.from < 0)
        return Tr::tr("transitive");
    QString text = edgeKindText(edge.kind);
    if (edge.kind == infer::EdgeKind::Explicit && edge.declaredAt && edge.declaredAt->isValid())
        text += QStringLiteral(" · ") + locationLink(qs(edge.declaredAt->file), edge.declaredAt->line);
    QStringList imports;
    for (const infer::Evidence &ev : edge.evidence) {
        const QString file = qs(ev.file);
        QString line = QStringLiteral("<code>%1</code> ").arg(esc(qs(ev.module)))
            + locationLink(file, ev.line, QStringLiteral("%1:%2").arg(file.section(QLatin1Char('/'), -1)).arg(ev.line));
        if (ev.weak)
            line += QLatin1Char(' ') + Tr::tr("(weak)");
        imports << line;
    }
    if (!imports.isEmpty())
        text += QStringLiteral(" ") + imports.join(QStringLiteral(", "));
    return text;
}

void DetailsPanel::render()
{
    m_locations.clear();
    m_transitive->setEnabled(m_target >= 0);
    if (!m_snapshot || m_target < 0) {
        const QString hint = m_snapshot ? Tr::tr("Select a target to see its fields, sources, dependencies and dependents.")
                                        : Tr::tr("No workspace is open.");
        m_browser->setHtml(QStringLiteral("<p style=\"color:gray; margin-top:24px\" align=\"center\">%1</p>").arg(esc(hint)));
        return;
    }
    const workspace::Target &t = m_snapshot->target(m_target);
    QString html;
    html += QStringLiteral("<h3 style=\"margin-bottom:2px\">%1</h3>").arg(esc(qs(t.address.toString())));
    QString typeLine = QStringLiteral("<b>%1</b>").arg(esc(qs(t.type)));
    if (t.unknownType)
        typeLine += QLatin1Char(' ') + Tr::tr("(unknown target type)");
    if (t.isGenerator)
        typeLine += QStringLiteral(" · ") + Tr::tr("target generator, %n generated target(s)", nullptr, int(t.generated.size()));
    else if (t.address.isGenerated())
        typeLine += QStringLiteral(" · ") + Tr::tr("generated by %1").arg(targetLink(m_snapshot->workspace->indexOf(t.address.generatorAddress())));
    html += QStringLiteral("<p style=\"margin-top:0\">%1<br>").arg(typeLine);
    if (t.declaredAt.isValid())
        html += Tr::tr("Declared at %1").arg(locationLink(qs(t.declaredAt.file), t.declaredAt.line));
    if (!t.resolve.empty())
        html += QStringLiteral("<br>") + Tr::tr("Resolve: %1").arg(esc(qs(t.resolve)));
    if (!t.tags.empty()) {
        QStringList tags;
        for (const std::string &tag : t.tags)
            tags << esc(qs(tag));
        html += QStringLiteral("<br>") + Tr::tr("Tags: %1").arg(tags.join(QStringLiteral(", ")));
    }
    html += QStringLiteral("</p>");

    // Fields
    html += QStringLiteral("<h4>%1</h4><table cellspacing=\"0\" cellpadding=\"2\">").arg(Tr::tr("Fields"));
    for (const workspace::Field &f : t.fields) {
        const QString value = esc(qs(f.value.repr()));
        if (f.isDefault)
            html += QStringLiteral("<tr><td style=\"color:gray\">%1</td><td style=\"color:gray\"><code>%2</code> <i>%3</i></td></tr>")
                        .arg(esc(qs(f.alias)), value, esc(Tr::tr("(default)")));
        else
            html += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td></tr>").arg(esc(qs(f.alias)), value);
    }
    html += QStringLiteral("</table>");

    // Sources
    html += QStringLiteral("<h4>%1</h4>").arg(Tr::tr("Sources (%1)").arg(t.sources.size()));
    if (t.sources.empty())
        html += QStringLiteral("<p style=\"color:gray\">%1</p>").arg(Tr::tr("none"));
    else {
        html += listHtml(QStringLiteral("sources"), int(t.sources.size()),
                         [&](int i) { return locationLink(qs(t.sources[size_t(i)]), 0); });
    }

    const bool transitive = m_transitive->isChecked();
    const graph::TargetGraph *g = m_snapshot->graph.get();
    if (!g) {
        html += QStringLiteral("<p style=\"color:gray\">%1</p>").arg(Tr::tr("Dependencies are not available: inference was cancelled."));
    } else {
        const int node = m_target;
        std::vector<int> deps, users;
        if (transitive) {
            deps = graph::transitiveDependencies(*g, std::span<const int>(&node, 1));
            users = graph::dependentsOf(*g, std::span<const int>(&node, 1), {.transitive = true});
        } else {
            const auto d = g->dependencies(node);
            deps.assign(d.begin(), d.end());
            const auto u = g->dependents(node);
            users.assign(u.begin(), u.end());
        }
        const QString depTitle = transitive ? Tr::tr("Transitive dependencies (%1)") : Tr::tr("Dependencies (%1)");
        html += QStringLiteral("<h4>%1</h4>").arg(depTitle.arg(deps.size()));
        if (deps.empty())
            html += QStringLiteral("<p style=\"color:gray\">%1</p>").arg(Tr::tr("none"));
        else {
            html += listHtml(QStringLiteral("dependencies"), int(deps.size()), [&](int i) {
                const int d = deps[size_t(i)];
                return QStringLiteral("%1 <span style=\"color:gray\">— %2</span>").arg(targetLink(d), edgeReason(node, d));
            });
        }
        const QString userTitle = transitive ? Tr::tr("Transitive dependents (%1)") : Tr::tr("Dependents (%1)");
        html += QStringLiteral("<h4>%1</h4>").arg(userTitle.arg(users.size()));
        if (users.empty())
            html += QStringLiteral("<p style=\"color:gray\">%1</p>").arg(Tr::tr("none"));
        else {
            html += listHtml(QStringLiteral("dependents"), int(users.size()), [&](int i) {
                const int u = users[size_t(i)];
                return QStringLiteral("%1 <span style=\"color:gray\">— %2</span>").arg(targetLink(u), edgeReason(u, node));
            });
        }
    }
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(html);
    m_browser->verticalScrollBar()->setValue(scroll);
}

void DetailsPanel::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() == QLatin1String("more")) {
        showAll(url.path());
        return;
    }
    bool ok = false;
    const int id = url.path().toInt(&ok);
    if (!ok)
        return;
    if (url.scheme() == QLatin1String("t"))
        Q_EMIT targetActivated(id);
    else if (url.scheme() == QLatin1String("f") && id >= 0 && id < int(m_locations.size()))
        Q_EMIT locationActivated(m_locations[size_t(id)].first, m_locations[size_t(id)].second);
}

} // namespace trellis::ui
