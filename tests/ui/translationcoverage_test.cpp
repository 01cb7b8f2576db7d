// Every user-visible string is translated in Korean and Japanese: the .ts files hold no
// unfinished, vanished or empty message, keep every %1/%n placeholder, file everything
// under the context the code uses ("Trellis", from ui/uitr.h), and contain every
// Tr::tr("...") literal of ui/ and app/gui/ (so translations/update.sh has been run
// after the last string change). English carries only plural forms, all finished. The
// packages that make ko/ja readable on a fresh Debian (a CJK font, Qt's own
// translations) are installed by packaging/install-deps.sh and recommended by the .deb.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    QString type;           ///< translation type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList forms;      ///< the translation text, or its numerus forms
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read ") + path;
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = Message{};
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus)
                    current.forms << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                current.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << current;
        }
    }
    if (xml.hasError())
        *error = path + QStringLiteral(": ") + xml.errorString();
    return out;
}

/// The C++ string literal body with its escapes resolved.
QString unescape(const QString &body)
{
    QString out;
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body[i] == u'\\' && i + 1 < body.size()) {
            const QChar c = body[++i];
            out += c == u'n' ? QChar(u'\n') : c == u't' ? QChar(u'\t') : c;
        } else {
            out += body[i];
        }
    }
    return out;
}

/// Every Tr::tr("..." "...") first argument in the C++ sources under `dirs`.
QSet<QString> sourceStrings(const QStringList &dirs)
{
    static const QRegularExpression call(QStringLiteral("\\bTr::tr\\(\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)"));
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QSet<QString> out;
    for (const QString &dir : dirs) {
        QDirIterator it(dir, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            // Comment lines hold usage examples ("//   model.beginRun(Tr::tr(...))"), not UI text.
            QString text;
            for (const QString &line : QString::fromUtf8(f.readAll()).split(u'\n'))
                if (!line.trimmed().startsWith(QLatin1String("//")))
                    text += line + u'\n';
            for (auto m = call.globalMatch(text); m.hasNext();) {
                QString s;
                for (auto l = literal.globalMatch(m.next().captured(1)); l.hasNext();)
                    s += unescape(l.next().captured(1));
                out.insert(s);
            }
        }
    }
    return out;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:L?\\d+|n)"));
    QStringList out;
    for (auto m = re.globalMatch(text); m.hasNext();)
        out << m.next().captured(0).remove(u'L');
    out.removeDuplicates();
    out.sort();
    return out;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TranslationCoverageTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyMessageTranslated_data();
    void everyMessageTranslated();
    void everyUiStringIsInTheTsFiles_data();
    void everyUiStringIsInTheTsFiles();
    void englishPluralsFinished();
    void cjkFontAndQtTranslationsArePackaged();
};

void TranslationCoverageTest::everyMessageTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("ko") << QStringLiteral("ko");
    QTest::newRow("ja") << QStringLiteral("ja");
}

void TranslationCoverageTest::everyMessageTranslated()
{
    QFETCH(QString, language);
    QString error;
    const QList<Message> messages = readTs(QStringLiteral(TRELLIS_SOURCE_DIR "/translations/trellis_%1.ts").arg(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 500);
    QStringList problems;
    for (const Message &m : messages) {
        const QString what = QStringLiteral("\"%1\"").arg(m.source);
        if (m.context != QLatin1String("Trellis"))
            problems << what + QStringLiteral(" is in context ") + m.context + QStringLiteral(" (the code uses Trellis)");
        if (!m.type.isEmpty())
            problems << what + QStringLiteral(" is ") + m.type;
        if (m.forms.isEmpty())
            problems << what + QStringLiteral(" has no translation");
        for (const QString &form : m.forms) {
            if (form.trimmed().isEmpty())
                problems << what + QStringLiteral(" has an empty translation");
            else if (placeholders(form) != placeholders(m.source))
                problems << what + QStringLiteral(" loses a placeholder: ") + form;
            // A mnemonic must survive, or the shortcut disappears in this language.
            if (m.source.contains(QRegularExpression(QStringLiteral("&[^&\\s]"))) && !form.contains(u'&'))
                problems << what + QStringLiteral(" drops its & mnemonic: ") + form;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s) in trellis_%2.ts; run translations/update.sh and translate:\n  ")
                                                .arg(problems.size())
                                                .arg(language)
                                            + problems.join(QStringLiteral("\n  "))));
}

void TranslationCoverageTest::everyUiStringIsInTheTsFiles_data() { everyMessageTranslated_data(); }

void TranslationCoverageTest::everyUiStringIsInTheTsFiles()
{
    QFETCH(QString, language);
    const QSet<QString> used = sourceStrings({QStringLiteral(TRELLIS_SOURCE_DIR "/ui"), QStringLiteral(TRELLIS_SOURCE_DIR "/app/gui")});
    QVERIFY(used.size() > 400);
    // Spot checks of strings the issue found in English in ko/ja.
    QVERIFY(used.contains(QStringLiteral("Graph")));
    QVERIFY(used.contains(QStringLiteral("Show all")));
    QString error;
    QSet<QString> translated;
    for (const Message &m : readTs(QStringLiteral(TRELLIS_SOURCE_DIR "/translations/trellis_%1.ts").arg(language), &error))
        translated.insert(m.source);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList missing;
    for (const QString &s : used)
        if (!translated.contains(s))
            missing << s;
    missing.sort();
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 string(s) of the UI are not in trellis_%2.ts (run translations/update.sh):\n  ")
                                               .arg(missing.size())
                                               .arg(language)
                                           + missing.join(QStringLiteral("\n  "))));
}

void TranslationCoverageTest::englishPluralsFinished()
{
    QString error;
    const QList<Message> messages = readTs(QStringLiteral(TRELLIS_SOURCE_DIR "/translations/trellis_en.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> plurals;
    for (const Message &m : messages) {
        QVERIFY2(m.numerus, qPrintable(m.source + QStringLiteral(": trellis_en.ts holds only plural forms")));
        QVERIFY2(m.type.isEmpty(), qPrintable(m.source + QStringLiteral(" is ") + m.type));
        QCOMPARE(m.forms.size(), 2);
        for (const QString &form : m.forms)
            QVERIFY2(!form.trimmed().isEmpty(), qPrintable(m.source));
        plurals.insert(m.source);
    }
    for (const QString &s : sourceStrings({QStringLiteral(TRELLIS_SOURCE_DIR "/ui"), QStringLiteral(TRELLIS_SOURCE_DIR "/app/gui")}))
        if (s.contains(QLatin1String("%n")))
            QVERIFY2(plurals.contains(s), qPrintable(s + QStringLiteral(" has no English plural forms")));
}

void TranslationCoverageTest::cjkFontAndQtTranslationsArePackaged()
{
    const QString deps = readText(QStringLiteral(TRELLIS_SOURCE_DIR "/packaging/install-deps.sh"));
    QVERIFY(deps.contains(QLatin1String(" fonts-noto-cjk")));
    QVERIFY(deps.contains(QLatin1String(" qt6-translations-l10n")));
    // The generated CPack configuration of this build (GUI on) recommends them.
    const QString cpack = readText(QStringLiteral(TRELLIS_BINARY_DIR "/CPackConfig.cmake"));
    QVERIFY(!cpack.isEmpty());
    const QRegularExpression recommends(QStringLiteral("CPACK_DEBIAN_PACKAGE_RECOMMENDS \"([^\"]*)\""));
    const QRegularExpressionMatch m = recommends.match(cpack);
    QVERIFY(m.hasMatch());
    QVERIFY2(m.captured(1).contains(QLatin1String("fonts-noto-cjk")), qPrintable(m.captured(1)));
    QVERIFY2(m.captured(1).contains(QLatin1String("qt6-translations-l10n")), qPrintable(m.captured(1)));
}

QTEST_MAIN(TranslationCoverageTest)
#include "translationcoverage_test.moc"
