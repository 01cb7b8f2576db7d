<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Trellis</name>
    <message>
        <source>Trellis %1</source>
        <translation>Trellis %1</translation>
    </message>
    <message>
        <source>About Trellis</source>
        <translation>Trellis について</translation>
    </message>
    <message>
        <source>A workspace manager for Pants-style Python monorepos.</source>
        <translation>Pants 形式の Python モノレポのためのワークスペースマネージャーです。</translation>
    </message>
    <message>
        <source>Built with Qt %1, KSyntaxHighlighting, libgit2, toml++ and Graphviz.</source>
        <translation>Qt %1、KSyntaxHighlighting、libgit2、toml++、Graphviz を使用しています。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Language of the user interface; takes effect after a restart</source>
        <translation>ユーザーインターフェースの言語です。再起動後に反映されます</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>システムに従う</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Colour theme of the source viewer</source>
        <translation>ソースビューアーの配色テーマ</translation>
    </message>
    <message>
        <source>Command that opens a file in your editor. {file} and {line} are replaced; leave empty to use the system&apos;s default application.</source>
        <translation>エディターでファイルを開くコマンドです。{file} と {line} は置き換えられます。空欄にするとシステムの既定のアプリケーションを使います。</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自動 (%1)</translation>
    </message>
    <message>
        <source>Threads used to load BUILD files and scan imports</source>
        <translation>BUILD ファイルの読み込みと import の解析に使うスレッド数</translation>
    </message>
    <message>
        <source>Where Trellis keeps its caches; leave empty for the default location</source>
        <translation>Trellis がキャッシュを保存する場所です。空欄にすると既定の場所を使います</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Clear Cache</source>
        <translation>キャッシュを消去</translation>
    </message>
    <message>
        <source>Delete everything in the cache directory</source>
        <translation>キャッシュディレクトリの内容をすべて削除します</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>Largest size the cache may grow to before old entries are evicted</source>
        <translation>古い項目を削除する前にキャッシュが使える最大サイズ</translation>
    </message>
    <message>
        <source>Python interpreter used to run tools; leave empty for python3 on PATH</source>
        <translation>ツールの実行に使う Python インタープリターです。空欄にすると PATH 上の python3 を使います</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>テーマ(&amp;T):</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>External &amp;editor:</source>
        <translation>外部エディター(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Python interpreter:</source>
        <translation>Python インタープリター(&amp;P):</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
    </message>
    <message>
        <source>Parallel &amp;jobs:</source>
        <translation>並列ジョブ数(&amp;J):</translation>
    </message>
    <message>
        <source>&amp;Cache location:</source>
        <translation>キャッシュの場所(&amp;C):</translation>
    </message>
    <message>
        <source>Cache &amp;size limit:</source>
        <translation>キャッシュサイズの上限(&amp;S):</translation>
    </message>
    <message>
        <source>Cache Location</source>
        <translation>キャッシュの場所</translation>
    </message>
    <message>
        <source>Python Interpreter</source>
        <translation>Python インタープリター</translation>
    </message>
    <message>
        <source>Delete all cached data in %1?</source>
        <translation>%1 のキャッシュデータをすべて削除しますか?</translation>
    </message>
    <message>
        <source>Some cache entries could not be deleted.</source>
        <translation>一部のキャッシュ項目を削除できませんでした。</translation>
    </message>
    <message>
        <source>Files changed on disk; reloading…</source>
        <translation>ディスク上のファイルが変更されました。再読み込みしています…</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>問題 (%1)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>ワークスペースを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a folder containing pants.toml</source>
        <translation>pants.toml を含むフォルダーを開きます</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>デモワークスペースを開く(&amp;D)</translation>
    </message>
    <message>
        <source>Create the Orchard demo monorepo (if needed) and open it</source>
        <translation>Orchard デモモノレポを(必要なら)作成して開きます</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Read pants.toml and all BUILD files again</source>
        <translation>pants.toml とすべての BUILD ファイルを読み直します</translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation>読み込みを中止(&amp;C)</translation>
    </message>
    <message>
        <source>Stop loading the workspace and keep what was shown before</source>
        <translation>ワークスペースの読み込みを中止し、前の表示を保ちます</translation>
    </message>
    <message>
        <source>C&amp;lose Workspace</source>
        <translation>ワークスペースを閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>Close the current workspace</source>
        <translation>現在のワークスペースを閉じます</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Language, theme, external editor, jobs, cache and Python interpreter</source>
        <translation>言語、テーマ、外部エディター、ジョブ数、キャッシュ、Python インタープリター</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit Trellis</source>
        <translation>Trellis を終了します</translation>
    </message>
    <message>
        <source>&amp;Quick Open…</source>
        <translation>クイックオープン(&amp;Q)…</translation>
    </message>
    <message>
        <source>Jump to a target or file by typing part of its name</source>
        <translation>名前の一部を入力してターゲットやファイルに移動します</translation>
    </message>
    <message>
        <source>&amp;Filter Targets</source>
        <translation>ターゲットを絞り込む(&amp;F)</translation>
    </message>
    <message>
        <source>Move the focus to the target filter</source>
        <translation>ターゲットのフィルターにフォーカスを移します</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>指定行へ移動(&amp;G)…</translation>
    </message>
    <message>
        <source>Jump to a line in the current file</source>
        <translation>現在のファイルの指定した行へ移動します</translation>
    </message>
    <message>
        <source>Open in &amp;External Editor</source>
        <translation>外部エディターで開く(&amp;E)</translation>
    </message>
    <message>
        <source>Open the current file at the current line in the configured editor</source>
        <translation>設定したエディターで現在のファイルを現在の行で開きます</translation>
    </message>
    <message>
        <source>Close &amp;Tab</source>
        <translation>タブを閉じる(&amp;T)</translation>
    </message>
    <message>
        <source>Close the current centre tab</source>
        <translation>中央の現在のタブを閉じます</translation>
    </message>
    <message>
        <source>&amp;About Trellis</source>
        <translation>Trellis について(&amp;A)</translation>
    </message>
    <message>
        <source>Show the version of Trellis</source>
        <translation>Trellis のバージョンを表示します</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Show the version of Qt</source>
        <translation>Qt のバージョンを表示します</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>一覧を消去(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the recently opened workspaces</source>
        <translation>最近開いたワークスペースの一覧を消去します</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったものを開く(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>%1 パネルの表示/非表示を切り替えます</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Creating the demo workspace…</source>
        <translation>デモワークスペースを作成しています…</translation>
    </message>
    <message>
        <source>Opened %1 in %2</source>
        <translation>%1 を %2 で開きました</translation>
    </message>
    <message>
        <source>Could not start the editor command &quot;%1&quot;; using the system default</source>
        <translation>エディターのコマンド「%1」を起動できないため、システムの既定を使います</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 を開く</translation>
    </message>
    <message>
        <source>Trellis</source>
        <translation>Trellis</translation>
    </message>
    <message>
        <source>%1 — Trellis</source>
        <translation>%1 — Trellis</translation>
    </message>
    <message>
        <source>Open Pants Workspace</source>
        <translation>Pants ワークスペースを開く</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>指定行へ移動</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>行:</translation>
    </message>
    <message>
        <source>Reloading %1…</source>
        <translation>%1 を再読み込みしています…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込んでいます…</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 / %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>%n 個のターゲット</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BUILD file(s)</source>
        <translation>
            <numerusform>%n 個の BUILD ファイル</numerusform>
        </translation>
    </message>
    <message>
        <source>Reloaded</source>
        <translation>再読み込みしました</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 を読み込みました</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 を開けませんでした</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>ワークスペースを開けません</translation>
    </message>
    <message>
        <source>Trellis could not open %1.</source>
        <translation>Trellis は %1 を開けませんでした。</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>読み込みを中止しました</translation>
    </message>
    <message>
        <source>unknown target type &apos;%1&apos; (its fields are kept as written)</source>
        <translation>不明なターゲットタイプ &apos;%1&apos;(フィールドは記述どおりに保持されます)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>ファイル %1</translation>
    </message>
    <message>
        <source>Target %1 (%2)</source>
        <translation>ターゲット %1 (%2)</translation>
    </message>
    <message>
        <source>invalid spec</source>
        <translation>無効なスペック</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(ルート)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n target(s)</source>
        <translation>
            <numerusform>%1 — %n 個のターゲット</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Type: %2</source>
        <translation>%1
タイプ: %2</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>タイプ</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数</translation>
    </message>
    <message>
        <source>explicit</source>
        <translation>明示的</translation>
    </message>
    <message>
        <source>import</source>
        <translation>import</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>conftest.py</source>
        <translation>conftest.py</translation>
    </message>
    <message>
        <source>__init__.py</source>
        <translation>__init__.py</translation>
    </message>
    <message>
        <source>entry point</source>
        <translation>エントリーポイント</translation>
    </message>
    <message>
        <source>requirement</source>
        <translation>依存パッケージ</translation>
    </message>
    <message>
        <source>Show transitive dependencies and dependents</source>
        <translation>推移的な依存関係と被依存を表示</translation>
    </message>
    <message>
        <source>List every target reachable through dependencies, not only direct ones</source>
        <translation>直接の依存だけでなく、依存関係をたどって到達できるすべてのターゲットを一覧表示します</translation>
    </message>
    <message>
        <source>transitive</source>
        <translation>推移的</translation>
    </message>
    <message>
        <source>(weak)</source>
        <translation>(弱い)</translation>
    </message>
    <message>
        <source>Select a target to see its fields, sources, dependencies and dependents.</source>
        <translation>ターゲットを選択すると、フィールド、ソース、依存関係、被依存が表示されます。</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>ワークスペースが開かれていません。</translation>
    </message>
    <message>
        <source>(unknown target type)</source>
        <translation>(不明なターゲットタイプ)</translation>
    </message>
    <message numerus="yes">
        <source>target generator, %n generated target(s)</source>
        <translation>
            <numerusform>ターゲットジェネレーター、生成されたターゲット %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>generated by %1</source>
        <translation>%1 が生成</translation>
    </message>
    <message>
        <source>Declared at %1</source>
        <translation>宣言場所: %1</translation>
    </message>
    <message>
        <source>Resolve: %1</source>
        <translation>リゾルブ: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>タグ: %1</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(既定値)</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>ソース (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Dependencies are not available: inference was cancelled.</source>
        <translation>依存関係を表示できません。推論が中止されました。</translation>
    </message>
    <message>
        <source>Transitive dependencies (%1)</source>
        <translation>推移的な依存関係 (%1)</translation>
    </message>
    <message>
        <source>Dependencies (%1)</source>
        <translation>依存関係 (%1)</translation>
    </message>
    <message>
        <source>Transitive dependents (%1)</source>
        <translation>推移的な被依存 (%1)</translation>
    </message>
    <message>
        <source>Dependents (%1)</source>
        <translation>被依存 (%1)</translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation>エラーを表示</translation>
    </message>
    <message>
        <source>Show warnings</source>
        <translation>警告を表示</translation>
    </message>
    <message>
        <source>Show notes</source>
        <translation>注記を表示</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>エラー %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>警告 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>注記 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Quick Open</source>
        <translation>クイックオープン</translation>
    </message>
    <message>
        <source>Type part of a target address or file path</source>
        <translation>ターゲットのアドレスかファイルパスの一部を入力してください</translation>
    </message>
    <message>
        <source>Open in External Editor</source>
        <translation>外部エディターで開く</translation>
    </message>
    <message>
        <source>Open this file at the current line in the configured external editor</source>
        <translation>設定した外部エディターでこのファイルを現在の行で開きます</translation>
    </message>
    <message>
        <source>%1 is too large to show (%2 MiB).</source>
        <translation>%1 は大きすぎて表示できません(%2 MiB)。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>プレーンテキスト</translation>
    </message>
    <message>
        <source>Filter: src/app::, dir:name, !excluded, text</source>
        <translation>フィルター: src/app::、dir:name、!除外、テキスト</translation>
    </message>
    <message>
        <source>&lt;p&gt;Filter targets with Pants specs and free text, separated by spaces:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;src/app::&lt;/code&gt; — everything under src/app&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:&lt;/code&gt; — targets in src/app only&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:lib&lt;/code&gt; — one target&lt;/li&gt;&lt;li&gt;&lt;code&gt;!src/app/legacy::&lt;/code&gt; — exclude&lt;/li&gt;&lt;li&gt;other words match addresses and types&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Pants のスペックと自由なテキストをスペースで区切ってターゲットを絞り込みます:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;src/app::&lt;/code&gt; — src/app 以下のすべて&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:&lt;/code&gt; — src/app 内のターゲットのみ&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:lib&lt;/code&gt; — 1 つのターゲット&lt;/li&gt;&lt;li&gt;&lt;code&gt;!src/app/legacy::&lt;/code&gt; — 除外&lt;/li&gt;&lt;li&gt;その他の語はアドレスとタイプに一致します&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Show only targets of one type</source>
        <translation>1 つのタイプのターゲットだけを表示</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>ワークスペースなし</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s)</source>
        <translation>
            <numerusform>%n 個中 %1 個のターゲット</numerusform>
        </translation>
    </message>
    <message>
        <source>All target types</source>
        <translation>すべてのターゲットタイプ</translation>
    </message>
    <message>
        <source>Open a Pants workspace…</source>
        <translation>Pants ワークスペースを開いてください…</translation>
    </message>
    <message>
        <source>Trellis reads pants.toml and BUILD files directly and shows the targets, their dependencies and the problems in your monorepo. Drop a folder here or choose one.</source>
        <translation>Trellis は pants.toml と BUILD ファイルを直接読み込み、モノレポのターゲット、依存関係、問題を表示します。フォルダーをここにドロップするか選択してください。</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Open Demo Workspace</source>
        <translation>デモワークスペースを開く</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>最近のワークスペース</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>フォルダー %1 は存在しません。</translation>
    </message>
    <message>
        <source>The workspace could not be loaded.</source>
        <translation>ワークスペースを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Trellis: a workspace manager for Pants-style Python monorepos.</source>
        <translation>Trellis: Pants 形式の Python モノレポのためのワークスペースマネージャー。</translation>
    </message>
    <message>
        <source>A folder inside the workspace to open.</source>
        <translation>開くワークスペース内のフォルダー。</translation>
    </message>
    <message>
        <source>Create the demo workspace (if needed) and open it.</source>
        <translation>デモワークスペースを(必要なら)作成して開きます。</translation>
    </message>
    <message>
        <source>Render the main window to FILE once the workspace has loaded, then exit.</source>
        <translation>ワークスペースの読み込み後にメインウィンドウを FILE に描画して終了します。</translation>
    </message>
    <message>
        <source>Select the target at ADDRESS after loading.</source>
        <translation>読み込み後に ADDRESS のターゲットを選択します。</translation>
    </message>
    <message>
        <source>Put TEXT into the target filter after loading.</source>
        <translation>読み込み後に TEXT をターゲットのフィルターに入力します。</translation>
    </message>
    <message>
        <source>Open FILE (buildroot-relative, optionally :LINE) after loading.</source>
        <translation>読み込み後に FILE(ビルドルート相対、:LINE 指定可)を開きます。</translation>
    </message>
    <message>
        <source>Show transitive dependencies in Details.</source>
        <translation>詳細に推移的な依存関係を表示します。</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1400x880.</source>
        <translation>--screenshot のウィンドウサイズ(例: 1400x880)。</translation>
    </message>
    <message>
        <source>No target at %1</source>
        <translation>%1 にターゲットがありません</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 に書き込めません</translation>
    </message>
    <message>
        <source>From address, e.g. src/app:bin</source>
        <translation>始点のアドレス（例: src/app:bin）</translation>
    </message>
    <message>
        <source>To address</source>
        <translation>終点のアドレス</translation>
    </message>
    <message>
        <source>Paths from</source>
        <translation>経路の始点</translation>
    </message>
    <message>
        <source>to</source>
        <translation>終点</translation>
    </message>
    <message>
        <source>Show every target, folded into groups when there are too many</source>
        <translation>すべてのターゲットを表示し、多すぎる場合はグループにまとめます</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>依存先</translation>
    </message>
    <message>
        <source>Dependents</source>
        <translation>依存元</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>Which neighbours of the focus to show</source>
        <translation>フォーカスのどの隣接ターゲットを表示するか</translation>
    </message>
    <message>
        <source>Depth </source>
        <translation>深さ </translation>
    </message>
    <message>
        <source>How many hops away from the focus to show</source>
        <translation>フォーカスから何ホップ先まで表示するか</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>左から右へ</translation>
    </message>
    <message>
        <source>Top to bottom</source>
        <translation>上から下へ</translation>
    </message>
    <message>
        <source>Direction in which dependencies flow</source>
        <translation>依存関係の流れる方向</translation>
    </message>
    <message>
        <source>Group by directory</source>
        <translation>ディレクトリごとにまとめる</translation>
    </message>
    <message>
        <source>Frame targets of the same directory together</source>
        <translation>同じディレクトリのターゲットを枠で囲みます</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>要件</translation>
    </message>
    <message>
        <source>Show third-party requirements and lockfiles</source>
        <translation>サードパーティの要件とロックファイルを表示</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>リソース</translation>
    </message>
    <message>
        <source>Show resources and files targets</source>
        <translation>resources と files ターゲットを表示</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Show test targets</source>
        <translation>テストターゲットを表示</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Show or hide target types</source>
        <translation>ターゲットの種類を表示・非表示にします</translation>
    </message>
    <message>
        <source>Paths…</source>
        <translation>経路…</translation>
    </message>
    <message>
        <source>Show every dependency path from one target to another</source>
        <translation>あるターゲットから別のターゲットへのすべての依存経路を表示します</translation>
    </message>
    <message>
        <source>Search in graph…</source>
        <translation>グラフ内を検索…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Fit the whole graph in the window (0)</source>
        <translation>グラフ全体をウィンドウに収めます (0)</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 画像…</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG 図…</translation>
    </message>
    <message>
        <source>Graphviz DOT…</source>
        <translation>Graphviz DOT…</translation>
    </message>
    <message>
        <source>JSON with positions…</source>
        <translation>位置付き JSON…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paths&lt;/b&gt;</source>
        <translation>&lt;b&gt;経路&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Focus: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>フォーカス: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Whole workspace&lt;/b&gt;</source>
        <translation>&lt;b&gt;ワークスペース全体&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Layout failed: %1</source>
        <translation>レイアウトに失敗しました: %1</translation>
    </message>
    <message>
        <source>Open a workspace to see its dependency graph.</source>
        <translation>ワークスペースを開くと依存関係グラフが表示されます。</translation>
    </message>
    <message>
        <source>No dependency path from %1 to %2</source>
        <translation>%1 から %2 への依存経路はありません</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) from %1 to %2</source>
        <translation>
            <numerusform>%1 から %2 への経路 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges</source>
        <translation>ノード %1 個、エッジ %2 本</translation>
    </message>
    <message>
        <source>%1, grouped by BUILD target because the selection has %2 targets</source>
        <translation>%1、選択範囲に %2 個のターゲットがあるため BUILD ターゲットごとにまとめました</translation>
    </message>
    <message>
        <source>%1, grouped by directory because the selection has %2 targets</source>
        <translation>%1、選択範囲に %2 個のターゲットがあるためディレクトリごとにまとめました</translation>
    </message>
    <message>
        <source>selection capped at %1 targets</source>
        <translation>選択範囲を %1 ターゲットに制限しました</translation>
    </message>
    <message>
        <source>layout %1 ms</source>
        <translation>レイアウト %1 ms</translation>
    </message>
    <message>
        <source>laying out…</source>
        <translation>レイアウト中…</translation>
    </message>
    <message>
        <source>Dependencies between groups: hover the arrow for details</source>
        <translation>グループ間の依存関係: 詳細は矢印にカーソルを合わせてください</translation>
    </message>
    <message>
        <source>%1:%2: import %3</source>
        <translation>%1:%2: import %3</translation>
    </message>
    <message>
        <source>explicit in %1:%2</source>
        <translation>%1:%2 で明示</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>Unknown address: %1</source>
        <translation>不明なアドレス: %1</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 図 (*.svg)</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot *.gv)</source>
        <translation>Graphviz DOT (*.dot *.gv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>グラフをエクスポート</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Dependency graph</source>
        <translation>依存関係グラフ</translation>
    </message>
    <message>
        <source>explicit dependency</source>
        <translation>明示的な依存</translation>
    </message>
    <message>
        <source>inferred from imports</source>
        <translation>import から推論</translation>
    </message>
    <message>
        <source>generated target</source>
        <translation>生成されたターゲット</translation>
    </message>
    <message>
        <source>requirements file</source>
        <translation>要件ファイル</translation>
    </message>
    <message numerus="yes">
        <source>Group of %n target(s)</source>
        <translation>
            <numerusform>ターゲット %n 個のグループ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;nbsp;&amp;nbsp;… and %n more</source>
        <translation>
            <numerusform>&amp;nbsp;&amp;nbsp;… ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>種類: %1</translation>
    </message>
    <message>
        <source>%1 dependencies, %2 dependents</source>
        <translation>依存先 %1 件、依存元 %2 件</translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from the focus</source>
        <translation>
            <numerusform>フォーカスから %n ホップ</numerusform>
        </translation>
    </message>
    <message>
        <source>Has neighbours that are not shown</source>
        <translation>表示されていない隣接ターゲットがあります</translation>
    </message>
    <message>
        <source>Part of a dependency cycle</source>
        <translation>依存関係の循環の一部</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <source>Affected by changes</source>
        <translation>変更の影響あり</translation>
    </message>
    <message>
        <source>Tests passed</source>
        <translation>テスト成功</translation>
    </message>
    <message>
        <source>Tests failed</source>
        <translation>テスト失敗</translation>
    </message>
    <message numerus="yes">
        <source>%n dependencies between the groups; strongest: %1</source>
        <translation>
            <numerusform>グループ間の依存 %n 件。最も強いもの: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>%1 経由</translation>
    </message>
    <message>
        <source> (weak)</source>
        <translation>（弱い）</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more import(s)</source>
        <translation>
            <numerusform>… ほか import %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>explicit in &lt;tt&gt;%1:%2&lt;/tt&gt;</source>
        <translation>&lt;tt&gt;%1:%2&lt;/tt&gt; で明示</translation>
    </message>
    <message>
        <source>In a dependency cycle that Pants rejects</source>
        <translation>Pants が拒否する依存関係の循環に含まれます</translation>
    </message>
    <message>
        <source>In a dependency cycle (allowed: through files)</source>
        <translation>依存関係の循環に含まれます（ファイル経由のため許可）</translation>
    </message>
    <message>
        <source>Python source</source>
        <translation>Python ソース</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要件</translation>
    </message>
    <message>
        <source>Resource / file</source>
        <translation>リソース / ファイル</translation>
    </message>
    <message>
        <source>Explicit (BUILD)</source>
        <translation>明示的 (BUILD)</translation>
    </message>
    <message>
        <source>Inferred (import)</source>
        <translation>推論 (import)</translation>
    </message>
    <message>
        <source>Generated / other</source>
        <translation>生成 / その他</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>循環</translation>
    </message>
    <message>
        <source>%1 changed since %2</source>
        <translation>%2 以降に変更された対象に %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>A run is already in progress.</source>
        <translation>すでに実行中の処理があります。</translation>
    </message>
    <message>
        <source>Open a workspace (and let dependency inference finish) before running goals.</source>
        <translation>ゴールを実行する前にワークスペースを開き、依存関係の推論が終わるまでお待ちください。</translation>
    </message>
    <message>
        <source>Nothing is selected to run.</source>
        <translation>実行する対象が選択されていません。</translation>
    </message>
    <message>
        <source>No test targets were matched.</source>
        <translation>一致するテストターゲットがありません。</translation>
    </message>
    <message>
        <source>No failed targets to run again.</source>
        <translation>再実行する失敗したターゲットがありません。</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>失敗のみ</translation>
    </message>
    <message>
        <source>Filter results</source>
        <translation>結果を絞り込む</translation>
    </message>
    <message>
        <source>Show only targets and tests whose name contains this text</source>
        <translation>名前にこのテキストを含むターゲットとテストのみ表示します</translation>
    </message>
    <message>
        <source>Show only failed, errored and timed-out results</source>
        <translation>失敗・エラー・タイムアウトの結果のみ表示します</translation>
    </message>
    <message>
        <source>Slowest First</source>
        <translation>遅い順</translation>
    </message>
    <message>
        <source>Sort by duration, slowest first; off restores the run order</source>
        <translation>所要時間の長い順に並べます。オフにすると実行順に戻ります</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Frames of the traceback: double-click to open the source, right-click for the external editor</source>
        <translation>トレースバックのフレーム: ダブルクリックでソースを開き、右クリックで外部エディターを使います</translation>
    </message>
    <message>
        <source>Select a test to see its message and traceback.</source>
        <translation>テストを選択するとメッセージとトレースバックが表示されます。</translation>
    </message>
    <message>
        <source>Output of the selected target appears here while it runs.</source>
        <translation>選択したターゲットの出力が実行中にここに表示されます。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>ゴール</translation>
    </message>
    <message>
        <source>Specs</source>
        <translation>スペック</translation>
    </message>
    <message>
        <source>Base Ref</source>
        <translation>基準 ref</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Past runs of this workspace; select two to compare them</source>
        <translation>このワークスペースの過去の実行です。2 つ選択すると比較できます</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>実行を開く</translation>
    </message>
    <message>
        <source>Show the selected run in the Results tab</source>
        <translation>選択した実行を「結果」タブに表示します</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Show tests newly failing and fixed between the two selected runs</source>
        <translation>選択した 2 つの実行の間で新たに失敗したテストと修正されたテストを表示します</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected runs from the history</source>
        <translation>選択した実行を履歴から削除します</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>待機 %1</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>実行中 %1</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>成功 %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>失敗 %1</translation>
    </message>
    <message>
        <source>%1 cached</source>
        <translation>キャッシュ %1</translation>
    </message>
    <message>
        <source>%1 cancelled or skipped</source>
        <translation>キャンセルまたはスキップ %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n process(es) finished</source>
        <translation>
            <numerusform>%n 個のプロセスのうち %1 個が完了</numerusform>
        </translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation>%1 で完了</translation>
    </message>
    <message>
        <source>no estimate yet</source>
        <translation>まだ見積もりなし</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>Estimated from the durations of the same targets in earlier runs</source>
        <translation>同じターゲットの以前の実行時間から見積もっています</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Open %1 at line %2</source>
        <translation>%1 の %2 行目を開く</translation>
    </message>
    <message>
        <source>Open in Source Viewer</source>
        <translation>ソースビューアーで開く</translation>
    </message>
    <message>
        <source>%1 (%2 passed, %3 failed)</source>
        <translation>%1 (成功 %2、失敗 %3)</translation>
    </message>
    <message>
        <source>Newly failing (%1)</source>
        <translation>新たに失敗 (%1)</translation>
    </message>
    <message>
        <source>Fixed (%1)</source>
        <translation>修正済み (%1)</translation>
    </message>
    <message>
        <source>Still failing (%1)</source>
        <translation>引き続き失敗 (%1)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ミリ秒</translation>
    </message>
    <message>
        <source>
— attempt %1 —
</source>
        <translation>
— %1 回目の試行 —
</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n process(es)</source>
        <translation>
            <numerusform>%1 — プロセス %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>running (attempt %1)</source>
        <translation>実行中 (%1 回目の試行)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>&amp;Test Selected</source>
        <translation>選択対象をテスト(&amp;T)</translation>
    </message>
    <message>
        <source>Run the tests of the target or directory selected in the tree or graph</source>
        <translation>ツリーまたはグラフで選択したターゲットやディレクトリのテストを実行します</translation>
    </message>
    <message>
        <source>Test &amp;Changed</source>
        <translation>変更された対象をテスト(&amp;C)</translation>
    </message>
    <message>
        <source>Run the tests of targets changed since the base ref, and their dependents</source>
        <translation>基準 ref 以降に変更されたターゲットとその依存元のテストを実行します</translation>
    </message>
    <message>
        <source>&amp;Lint Selected</source>
        <translation>選択対象をリント(&amp;L)</translation>
    </message>
    <message>
        <source>Run the configured linters on the selection</source>
        <translation>選択対象に設定済みのリンターを実行します</translation>
    </message>
    <message>
        <source>Lint Changed</source>
        <translation>変更された対象をリント</translation>
    </message>
    <message>
        <source>Run the configured linters on files changed since the base ref</source>
        <translation>基準 ref 以降に変更されたファイルに設定済みのリンターを実行します</translation>
    </message>
    <message>
        <source>&amp;Format Selected</source>
        <translation>選択対象をフォーマット(&amp;F)</translation>
    </message>
    <message>
        <source>Run the configured formatters on the selection, rewriting files</source>
        <translation>選択対象に設定済みのフォーマッターを実行し、ファイルを書き換えます</translation>
    </message>
    <message>
        <source>Format Changed</source>
        <translation>変更された対象をフォーマット</translation>
    </message>
    <message>
        <source>Run the configured formatters on files changed since the base ref</source>
        <translation>基準 ref 以降に変更されたファイルに設定済みのフォーマッターを実行します</translation>
    </message>
    <message>
        <source>Chec&amp;k Selected</source>
        <translation>選択対象を型チェック(&amp;K)</translation>
    </message>
    <message>
        <source>Type-check the selection</source>
        <translation>選択対象の型をチェックします</translation>
    </message>
    <message>
        <source>Check Changed</source>
        <translation>変更された対象を型チェック</translation>
    </message>
    <message>
        <source>Type-check targets changed since the base ref, and their dependents</source>
        <translation>基準 ref 以降に変更されたターゲットとその依存元の型をチェックします</translation>
    </message>
    <message>
        <source>&amp;Re-run Failed</source>
        <translation>失敗したものを再実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the failed targets of the shown run again</source>
        <translation>表示中の実行で失敗したターゲットを再実行します</translation>
    </message>
    <message>
        <source>Cancel &amp;Run</source>
        <translation>実行をキャンセル(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the running goal and kill its processes</source>
        <translation>実行中のゴールを止め、そのプロセスを終了します</translation>
    </message>
    <message>
        <source>Base:</source>
        <translation>基準:</translation>
    </message>
    <message>
        <source>Base ref for &quot;changed&quot; runs: a branch, tag or revision such as HEAD~1</source>
        <translation>「変更された対象」の実行に使う基準 ref: ブランチ、タグ、または HEAD~1 などのリビジョン</translation>
    </message>
    <message>
        <source>Enter a base ref in the toolbar first.</source>
        <translation>先にツールバーで基準 ref を入力してください。</translation>
    </message>
    <message>
        <source>Select a target or a directory in the Targets tree first.</source>
        <translation>先にターゲットツリーでターゲットかディレクトリを選択してください。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Run cancelled</source>
        <translation>実行をキャンセルしました</translation>
    </message>
    <message>
        <source>Run finished</source>
        <translation>実行が完了しました</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 cached</source>
        <translation>成功 %1、失敗 %2、キャッシュ %3</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>flaky</source>
        <translation>不安定</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>キャッシュ済み</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Last test results beneath: %1</source>
        <translation>配下の最後のテスト結果: %1</translation>
    </message>
    <message>
        <source>Last test run: %1</source>
        <translation>最後のテスト実行: %1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the tests of SPEC (repeatable; &quot;changed&quot; = changed since the base ref) after loading.</source>
        <translation>読み込み後に SPEC のテストを実行します(繰り返し指定可、&quot;changed&quot; = 基準 ref 以降の変更)。</translation>
    </message>
    <message>
        <source>Nothing to run for %1: no matching targets, or no tool for it is configured in pants.toml.</source>
        <translation>%1 で実行するものがありません: 一致するターゲットがないか、pants.toml にそのツールが設定されていません。</translation>
    </message>
    <message>
        <source>upgraded</source>
        <translation>アップグレード</translation>
    </message>
    <message>
        <source>downgraded</source>
        <translation>ダウングレード</translation>
    </message>
    <message>
        <source>added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Required by: %1</source>
        <translation>必要としているパッケージ: %1</translation>
    </message>
    <message>
        <source>major</source>
        <translation>メジャー</translation>
    </message>
    <message>
        <source>The major version changed: expect incompatible changes</source>
        <translation>メジャーバージョンが変わりました: 互換性のない変更があり得ます</translation>
    </message>
    <message>
        <source>First-party targets that depend on this package, directly or transitively</source>
        <translation>このパッケージに直接または推移的に依存するファーストパーティのターゲット</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>パッケージ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>To</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>メジャー</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>影響</translation>
    </message>
    <message>
        <source>Test These</source>
        <translation>これらをテスト</translation>
    </message>
    <message>
        <source>Revision of the old lockfile: a branch, tag, commit or expression such as HEAD~3</source>
        <translation>古いロックファイルのリビジョン: ブランチ、タグ、コミット、または HEAD~3 のような式</translation>
    </message>
    <message>
        <source>Revision of the new lockfile, or the working tree</source>
        <translation>新しいロックファイルのリビジョン、または作業ツリー</translation>
    </message>
    <message>
        <source>Filter packages</source>
        <translation>パッケージを絞り込む</translation>
    </message>
    <message>
        <source>Diff the lockfile between the two revisions</source>
        <translation>二つのリビジョン間でロックファイルの差分を取ります</translation>
    </message>
    <message>
        <source>Lockfile:</source>
        <translation>ロックファイル:</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>ヘッド:</translation>
    </message>
    <message>
        <source>Run the tests of every target this change reaches</source>
        <translation>この変更が影響するすべてのターゲットのテストを実行します</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>変更点</translation>
    </message>
    <message>
        <source>Raw Diff</source>
        <translation>生の差分</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Working tree</source>
        <translation>作業ツリー</translation>
    </message>
    <message>
        <source>No lockfiles: set [python].enable_resolves and [python].resolves in pants.toml.</source>
        <translation>ロックファイルがありません: pants.toml で [python].enable_resolves と [python].resolves を設定してください。</translation>
    </message>
    <message>
        <source>Enter a base revision.</source>
        <translation>ベースのリビジョンを入力してください。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較中…</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>比較できません: %1</translation>
    </message>
    <message>
        <source>No package changed.</source>
        <translation>変更されたパッケージはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n package(s) changed</source>
        <translation>
            <numerusform>%n 個のパッケージが変更されました</numerusform>
        </translation>
    </message>
    <message>
        <source>Reach is unknown: the dependency graph is not loaded.</source>
        <translation>影響範囲が不明です: 依存グラフが読み込まれていません。</translation>
    </message>
    <message>
        <source>Select a package to see the targets its change reaches.</source>
        <translation>パッケージを選ぶと、その変更が影響するターゲットが表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%1 reaches %n target(s)</source>
        <translation>
            <numerusform>%1 は %n 個のターゲットに影響します</numerusform>
        </translation>
    </message>
    <message>
        <source>Requirement targets</source>
        <translation>要件ターゲット</translation>
    </message>
    <message>
        <source>Direct dependents</source>
        <translation>直接の依存元</translation>
    </message>
    <message>
        <source>Direct and transitive dependents</source>
        <translation>直接および推移的な依存元</translation>
    </message>
    <message>
        <source>Lockfiles</source>
        <translation>ロックファイル</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Worktree is clean</source>
        <translation>作業ツリーがクリーン</translation>
    </message>
    <message>
        <source>On a release branch</source>
        <translation>リリースブランチ上にある</translation>
    </message>
    <message>
        <source>Version is new and valid</source>
        <translation>バージョンが新しく有効</translation>
    </message>
    <message>
        <source>News fragments present and valid</source>
        <translation>ニュースフラグメントがあり有効</translation>
    </message>
    <message>
        <source>Last test run of changed targets passed</source>
        <translation>変更されたターゲットの最後のテスト実行が成功</translation>
    </message>
    <message>
        <source>Lockfiles unchanged since the last release or reviewed</source>
        <translation>前回のリリース以降ロックファイルが未変更、またはレビュー済み</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Prepare Release…</source>
        <translation>リリースを準備(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Undo Last Prepared Release</source>
        <translation>最後に準備したリリースを元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New Fragment…</source>
        <translation>新しいフラグメント(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Choose the version, review the plan, then write VERSION and the changelog, delete the fragments, commit and tag.</source>
        <translation>バージョンを選び、計画を確認してから、VERSION と変更履歴を書き込み、フラグメントを削除し、コミットしてタグを付けます。</translation>
    </message>
    <message>
        <source>Delete the release tag at HEAD and reset the branch to the commit before it (only while not pushed).</source>
        <translation>HEAD のリリースタグを削除し、ブランチをその前のコミットに戻します(プッシュ前のみ)。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Readiness Checklist</source>
        <translation>準備チェックリスト</translation>
    </message>
    <message>
        <source>Fragment</source>
        <translation>フラグメント</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>News Fragments</source>
        <translation>ニュースフラグメント</translation>
    </message>
    <message>
        <source>Rendered</source>
        <translation>レンダリング</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Changelog Preview</source>
        <translation>変更履歴のプレビュー</translation>
    </message>
    <message>
        <source>Computing the release status…</source>
        <translation>リリース状態を計算しています…</translation>
    </message>
    <message>
        <source>No release status</source>
        <translation>リリース状態なし</translation>
    </message>
    <message>
        <source>Open a workspace to see its release status.</source>
        <translation>ワークスペースを開くとリリース状態が表示されます。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>バージョン %1</translation>
    </message>
    <message>
        <source>%1 is missing or invalid</source>
        <translation>%1 がないか無効です</translation>
    </message>
    <message>
        <source>Scheme: %1</source>
        <translation>スキーム: %1</translation>
    </message>
    <message>
        <source>Not a git repository</source>
        <translation>git リポジトリではありません</translation>
    </message>
    <message>
        <source>Last release: %1, commits since: %2</source>
        <translation>前回のリリース: %1、以降のコミット: %2</translation>
    </message>
    <message>
        <source>No release tag yet</source>
        <translation>リリースタグはまだありません</translation>
    </message>
    <message>
        <source>Detached HEAD</source>
        <translation>デタッチされた HEAD</translation>
    </message>
    <message>
        <source>Branch: %1</source>
        <translation>ブランチ: %1</translation>
    </message>
    <message>
        <source>Worktree clean</source>
        <translation>作業ツリーはクリーン</translation>
    </message>
    <message>
        <source>Uncommitted changes: %1</source>
        <translation>未コミットの変更: %1</translation>
    </message>
    <message>
        <source>Distributions: %1</source>
        <translation>ディストリビューション: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注: %1</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>ヒント: %1</translation>
    </message>
    <message>
        <source>Run Tests of Changed Targets</source>
        <translation>変更されたターゲットのテストを実行</translation>
    </message>
    <message>
        <source>Mark Lockfiles Reviewed</source>
        <translation>ロックファイルをレビュー済みにする</translation>
    </message>
    <message>
        <source>Choose a Version…</source>
        <translation>バージョンを選択…</translation>
    </message>
    <message>
        <source>New Fragment…</source>
        <translation>新しいフラグメント…</translation>
    </message>
    <message>
        <source>Fragments named ISSUE.%1.md</source>
        <translation>ISSUE.%1.md という名前のフラグメント</translation>
    </message>
    <message>
        <source>Draft of %1 for %2, as towncrier would insert it:</source>
        <translation>towncrier が挿入する %2 用の %1 の下書き:</translation>
    </message>
    <message>
        <source>the next version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <source>Delete Fragment</source>
        <translation>フラグメントを削除</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 を削除しますか?</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>%1 を削除できません。</translation>
    </message>
    <message>
        <source>Undo Release</source>
        <translation>リリースを元に戻す</translation>
    </message>
    <message>
        <source>Delete the tag and reset the branch to the commit before the release?</source>
        <translation>タグを削除し、ブランチをリリース前のコミットに戻しますか?</translation>
    </message>
    <message>
        <source>Undoing the last prepared release…</source>
        <translation>最後に準備したリリースを元に戻しています…</translation>
    </message>
    <message>
        <source>Undone: deleted tag %1, reset %2 from %3 to %4; files restored.</source>
        <translation>元に戻しました: タグ %1 を削除し、%2 を %3 から %4 に戻し、ファイルを復元しました。</translation>
    </message>
    <message>
        <source>Undo refused:
%1</source>
        <translation>元に戻す操作は拒否されました:
%1</translation>
    </message>
    <message>
        <source>&amp;Other version:</source>
        <translation>その他のバージョン(&amp;O):</translation>
    </message>
    <message>
        <source>Choose the Version</source>
        <translation>バージョンの選択</translation>
    </message>
    <message>
        <source>The last release is %1 (tag %2).</source>
        <translation>前回のリリースは %1 です(タグ %2)。</translation>
    </message>
    <message>
        <source>There is no release tag yet.</source>
        <translation>リリースタグはまだありません。</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例: %1</translation>
    </message>
    <message>
        <source>Choose a suggestion or type a version.</source>
        <translation>候補を選ぶか、バージョンを入力してください。</translation>
    </message>
    <message>
        <source>%1 is a valid %2 version.</source>
        <translation>%1 は有効な %2 バージョンです。</translation>
    </message>
    <message>
        <source>&amp;Commit the release (&quot;release: X&quot;)</source>
        <translation>リリースをコミット(&amp;C) (&quot;release: X&quot;)</translation>
    </message>
    <message>
        <source>Create an annotated &amp;tag</source>
        <translation>注釈付きタグを作成(&amp;T)</translation>
    </message>
    <message>
        <source>Proceed with &amp;uncommitted changes</source>
        <translation>未コミットの変更があっても続行(&amp;U)</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>Without a commit the changes are written and staged only.</source>
        <translation>コミットしない場合、変更は書き込みとステージングのみ行われます。</translation>
    </message>
    <message>
        <source>Review the Plan</source>
        <translation>計画の確認</translation>
    </message>
    <message>
        <source>Nothing has been written yet.</source>
        <translation>まだ何も書き込まれていません。</translation>
    </message>
    <message>
        <source>&amp;Prepare Release</source>
        <translation>リリースを準備(&amp;P)</translation>
    </message>
    <message>
        <source>Fragments to delete:</source>
        <translation>削除するフラグメント:</translation>
    </message>
    <message>
        <source>Computing the plan…</source>
        <translation>計画を計算しています…</translation>
    </message>
    <message>
        <source>Version: %1 → %2</source>
        <translation>バージョン: %1 → %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>Changelog: %1, section dated %2</source>
        <translation>変更履歴: %1、セクションの日付 %2</translation>
    </message>
    <message>
        <source>Commit on %1: %2</source>
        <translation>%1 にコミット: %2</translation>
    </message>
    <message>
        <source>No commit: the changes are staged only.</source>
        <translation>コミットなし: 変更はステージングのみです。</translation>
    </message>
    <message>
        <source>No tag.</source>
        <translation>タグなし。</translation>
    </message>
    <message>
        <source>Annotated tag %1: %2</source>
        <translation>注釈付きタグ %1: %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告: %1</translation>
    </message>
    <message>
        <source>Preparing the release…</source>
        <translation>リリースを準備しています…</translation>
    </message>
    <message>
        <source>Release %1 prepared.</source>
        <translation>リリース %1 を準備しました。</translation>
    </message>
    <message>
        <source>Release %1 prepared. Push it with: git push --follow-tags</source>
        <translation>リリース %1 を準備しました。次のコマンドでプッシュしてください: git push --follow-tags</translation>
    </message>
    <message>
        <source>Preparing %1 failed; the previous state was restored.</source>
        <translation>%1 の準備に失敗しました。以前の状態に復元しました。</translation>
    </message>
    <message>
        <source>Prepare Release</source>
        <translation>リリースの準備</translation>
    </message>
    <message>
        <source>New News Fragment</source>
        <translation>新しいニュースフラグメント</translation>
    </message>
    <message>
        <source>Issue number, e.g. 123</source>
        <translation>課題番号(例: 123)</translation>
    </message>
    <message>
        <source>What changed, written for the users of the release.</source>
        <translation>何が変わったかを、リリースの利用者向けに書いてください。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>&amp;Issue:</source>
        <translation>課題(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>種類(&amp;T):</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>テキスト(&amp;X):</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Enter the issue number.</source>
        <translation>課題番号を入力してください。</translation>
    </message>
    <message>
        <source>The towncrier configuration has no fragment types.</source>
        <translation>towncrier の設定にフラグメントの種類がありません。</translation>
    </message>
    <message>
        <source>The issue cannot contain path separators or start with a dot.</source>
        <translation>課題にはパス区切り文字を含めたり、ドットで始めたりできません。</translation>
    </message>
    <message>
        <source>towncrier would not read %1 as a fragment of this issue and type.</source>
        <translation>towncrier は %1 をこの課題と種類のフラグメントとして読み取りません。</translation>
    </message>
    <message>
        <source>Enter the text of the entry.</source>
        <translation>エントリのテキストを入力してください。</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 はすでに存在します。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 を書き込めません: %2</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>リリース</translation>
    </message>
    <message numerus="yes">
        <source>%Ln BUILD file(s) failed</source>
        <translation>
            <numerusform>BUILD ファイル %Ln 件が失敗</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>エラー %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other error(s)</source>
        <translation>
            <numerusform>その他のエラー %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln target(s) shown</source>
        <translation>
            <numerusform>ターゲット %Ln 件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>。</translation>
    </message>
    <message>
        <source> — caused 1 more problem</source>
        <translation> — ほかに 1 件の問題の原因</translation>
    </message>
    <message>
        <source> — caused %L1 more problems</source>
        <translation> — ほかに %L1 件の問題の原因</translation>
    </message>
    <message>
        <source>Caused %L1 more, for example:</source>
        <translation>ほかに %L1 件の問題の原因です。例:</translation>
    </message>
    <message>
        <source>Open File at Line</source>
        <translation>該当行でファイルを開く</translation>
    </message>
    <message>
        <source>Copy Message</source>
        <translation>メッセージをコピー</translation>
    </message>
    <message>
        <source>Copy Location</source>
        <translation>場所をコピー</translation>
    </message>
    <message>
        <source>Select a problem to see its full text.</source>
        <translation>問題を選択すると全文が表示されます。</translation>
    </message>
    <message>
        <source>Filter problems: text in message or location</source>
        <translation>問題のフィルター: メッセージまたは場所のテキスト</translation>
    </message>
    <message>
        <source>This problem caused %L1 more (expand the row to see them).</source>
        <translation>この問題がほかに %L1 件の問題の原因です（行を展開すると表示されます）。</translation>
    </message>
    <message>
        <source>Some BUILD files could not be loaded; their targets are missing. Click to see the problems.</source>
        <translation>一部の BUILD ファイルを読み込めず、そのターゲットがありません。クリックすると問題を表示します。</translation>
    </message>
    <message>
        <source> — also in 1 more place</source>
        <translation> — ほかの 1 か所にもあります</translation>
    </message>
    <message>
        <source> — also in %L1 more places</source>
        <translation> — ほかの %L1 か所にもあります</translation>
    </message>
    <message>
        <source>Also in %L1 more places, for example:</source>
        <translation>ほかの %L1 か所にもあります。例:</translation>
    </message>
    <message>
        <source>The same problem is in %L1 more places (expand the row to see them).</source>
        <translation>同じ問題がほかの %L1 か所にもあります（行を展開すると表示されます）。</translation>
    </message>
    <message>
        <source>Language and theme changes take effect after Trellis is restarted (the source viewer follows the theme at once).</source>
        <translation>言語とテーマの変更は Trellis の再起動後に反映されます(ソースビューアーはテーマにすぐ従います)。</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>すべて表示</translation>
    </message>
    <message>
        <source>Collapse groups</source>
        <translation>グループを折りたたむ</translation>
    </message>
    <message>
        <source>Fold the groups you expanded back into single boxes</source>
        <translation>展開したグループを 1 つのボックスに折りたたみます</translation>
    </message>
    <message numerus="yes">
        <source>Expanded %1: %n target(s)</source>
        <translation>
            <numerusform>%1 を展開: %n 個のターゲット</numerusform>
        </translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>No external editor is configured.</source>
        <translation>外部エディターが設定されていません。</translation>
    </message>
    <message>
        <source>Choose the editor command in Settings (for example &quot;code -g {file}:{line}&quot;), or open %1 with the desktop&apos;s default application.</source>
        <translation>設定でエディターのコマンドを選ぶ(例: &quot;code -g {file}:{line}&quot;)か、デスクトップの既定のアプリケーションで %1 を開いてください。</translation>
    </message>
    <message>
        <source>Choose Editor…</source>
        <translation>エディターを選択…</translation>
    </message>
    <message>
        <source>Open with Default Application</source>
        <translation>既定のアプリケーションで開く</translation>
    </message>
    <message>
        <source>Always use the default application</source>
        <translation>常に既定のアプリケーションを使う</translation>
    </message>
    <message>
        <source>No application is set up to open %1. Choose an editor command in Settings.</source>
        <translation>%1 を開くアプリケーションが設定されていません。設定でエディターのコマンドを選んでください。</translation>
    </message>
    <message>
        <source>Restart Trellis to apply the new language or theme.</source>
        <translation>新しい言語やテーマを反映するには Trellis を再起動してください。</translation>
    </message>
    <message>
        <source>Not a Pants workspace (no pants.toml)</source>
        <translation>Pants ワークスペースではありません(pants.toml がありません)</translation>
    </message>
    <message>
        <source>%1 has no pants.toml, so Trellis shows no targets. Open the folder that contains pants.toml.</source>
        <translation>%1 には pants.toml がないため、Trellis はターゲットを表示しません。pants.toml を含むフォルダーを開いてください。</translation>
    </message>
    <message>
        <source>The run was not started.</source>
        <translation>実行は開始されませんでした。</translation>
    </message>
    <message>
        <source>The run was cancelled before it started.</source>
        <translation>実行は開始前にキャンセルされました。</translation>
    </message>
    <message numerus="yes">
        <source>Start %n test processes?</source>
        <translation>
            <numerusform>%n 個のテストプロセスを開始しますか?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This run starts %n test processes on %1 cores.</source>
        <translation>
            <numerusform>この実行は %1 コアで %n 個のテストプロセスを開始します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous runs suggest it takes about %1 minutes.</source>
        <translation>過去の実行から見て、約 %1 分かかります。</translation>
    </message>
    <message>
        <source>There is no history to estimate how long it takes.</source>
        <translation>所要時間を見積もるための履歴がありません。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;Run %n First&quot; runs the tests that failed last time first, then those of the changed targets.</source>
        <translation>
            <numerusform>「%n 件を先に実行」は、前回失敗したテストを先に実行し、その後で変更されたターゲットのテストを実行します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run All</source>
        <translation>すべて実行</translation>
    </message>
    <message numerus="yes">
        <source>Run %n First</source>
        <translation>
            <numerusform>%n 件を先に実行</numerusform>
        </translation>
    </message>
    <message>
        <source>The repository &lt;b&gt;%1&lt;/b&gt; configures a remote cache.</source>
        <translation>リポジトリ &lt;b&gt;%1&lt;/b&gt; はリモートキャッシュを設定しています。</translation>
    </message>
    <message>
        <source>The repository &lt;b&gt;%1&lt;/b&gt; wants Trellis to send test and lint results to &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>リポジトリ &lt;b&gt;%1&lt;/b&gt; は、Trellis がテストとリントの結果を &lt;b&gt;%2&lt;/b&gt; に送ることを求めています。</translation>
    </message>
    <message>
        <source>Its settings changed since you trusted it.</source>
        <translation>信頼した後に設定が変更されました。</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>設定: %1</translation>
    </message>
    <message>
        <source>Trust it only if you know this server: the settings may name environment variables (such as tokens) that Trellis would send to it. Until you trust it, Trellis uses only your own settings.</source>
        <translation>このサーバーを知っている場合にだけ信頼してください。設定には Trellis がサーバーへ送る環境変数(トークンなど)が含まれている場合があります。信頼するまで、Trellis はあなた自身の設定だけを使います。</translation>
    </message>
    <message>
        <source>Trust this repository&apos;s remote cache?</source>
        <translation>このリポジトリのリモートキャッシュを信頼しますか?</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信頼する</translation>
    </message>
    <message>
        <source>Don&apos;t Trust</source>
        <translation>信頼しない</translation>
    </message>
    <message>
        <source>To build the Python environment &lt;b&gt;%1&lt;/b&gt;, Trellis would download files from:</source>
        <translation>Python 環境 &lt;b&gt;%1&lt;/b&gt; を作るため、Trellis は次のホストからファイルをダウンロードします:</translation>
    </message>
    <message>
        <source>The repository&apos;s lockfile and configuration name these hosts. Trellis sends them no credentials and checks every file against the sha256 the repository records before using it.</source>
        <translation>これらのホストはリポジトリの lockfile と設定に書かれています。Trellis はこれらのホストに認証情報を送らず、すべてのファイルを使う前にリポジトリに記録された sha256 と照合します。</translation>
    </message>
    <message>
        <source>Download from these hosts?</source>
        <translation>これらのホストからダウンロードしますか?</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Don&apos;t Download</source>
        <translation>ダウンロードしない</translation>
    </message>
    <message>
        <source>Show Target</source>
        <translation>ターゲットを表示</translation>
    </message>
    <message>
        <source>No pants.toml in %1: this folder is not a Pants workspace, so it has no targets.</source>
        <translation>%1 に pants.toml がありません。このフォルダーは Pants ワークスペースではないため、ターゲットはありません。</translation>
    </message>
    <message>
        <source>With --view graph: the target at the centre of the graph.</source>
        <translation>--view graph と併用: グラフの中心に置くターゲット。</translation>
    </message>
    <message>
        <source>With --view graph: hops shown around the focus (1-5).</source>
        <translation>--view graph と併用: フォーカスの周りに表示するホップ数(1-5)。</translation>
    </message>
    <message>
        <source>double-click to show more</source>
        <translation>ダブルクリックでさらに表示</translation>
    </message>
    <message>
        <source>%1 targets · %2 files</source>
        <translation>ターゲット %1 個 · ファイル %2 個</translation>
    </message>
    <message>
        <source>1 target · %1 files</source>
        <translation>ターゲット 1 個 · ファイル %1 個</translation>
    </message>
    <message>
        <source>Package &lt;tt&gt;%1&lt;/tt&gt; in source root &lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>ソースルート &lt;tt&gt;%2&lt;/tt&gt; のパッケージ &lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Stands for %1 components; double-click to show the largest</source>
        <translation>%1 個のコンポーネントをまとめています。ダブルクリックで最大のものを表示します</translation>
    </message>
    <message>
        <source>%1 targets, %2 files, %3 edges inside</source>
        <translation>ターゲット %1 個、ファイル %2 個、内部のエッジ %3 本</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the focus, %n hop(s) away</source>
        <translation>
            <numerusform>フォーカスの%1、%n ホップ先</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to open it in place</source>
        <translation>ダブルクリックでその場で開きます</translation>
    </message>
    <message>
        <source>%1 imports over %2 target dependencies</source>
        <translation>%2 件のターゲット依存関係にまたがる %1 件の import</translation>
    </message>
    <message numerus="yes">
        <source>%n dependency(ies) break a visibility rule</source>
        <translation>
            <numerusform>%n 件の依存関係が可視性ルールに違反しています</numerusform>
        </translation>
    </message>
    <message>
        <source>Part of a cycle between packages</source>
        <translation>パッケージ間の循環の一部</translation>
    </message>
    <message>
        <source>Click for the import lines</source>
        <translation>クリックで import 行を表示</translation>
    </message>
    <message>
        <source>Files / targets</source>
        <translation>ファイル / ターゲット</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>パッケージ</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>ディストリビューション</translation>
    </message>
    <message>
        <source>Level of detail: single targets, Python packages, or python_distributions</source>
        <translation>詳細レベル: 個々のターゲット、Python パッケージ、python_distribution</translation>
    </message>
    <message>
        <source>Package depth </source>
        <translation>パッケージの深さ </translation>
    </message>
    <message>
        <source>How many dotted parts of the module path make a package</source>
        <translation>モジュールパスのドット区切りの何要素までをパッケージとするか</translation>
    </message>
    <message>
        <source>indexing packages…</source>
        <translation>パッケージを索引中…</translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges, %3 targets</source>
        <translation>ノード %1 個、エッジ %2 本、ターゲット %3 個</translation>
    </message>
    <message numerus="yes">
        <source>%n cycle(s)</source>
        <translation>
            <numerusform>循環 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s) break visibility rules</source>
        <translation>
            <numerusform>%n 本のエッジが可視性ルールに違反しています</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be opened further</source>
        <translation>%1 はこれ以上開けません</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>ワークスペース全体</translation>
    </message>
    <message>
        <source>Opened: %1</source>
        <translation>展開済み: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n break(s) a visibility rule</source>
        <translation>
            <numerusform>%n 件が可視性ルールに違反しています</numerusform>
        </translation>
    </message>
    <message>
        <source>in a cycle</source>
        <translation>循環の中</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… ほか %1 件</translation>
    </message>
    <message>
        <source>Package: targets · files</source>
        <translation>パッケージ: ターゲット · ファイル</translation>
    </message>
    <message>
        <source>Imports (width = count)</source>
        <translation>import(太さ = 件数)</translation>
    </message>
    <message>
        <source>Breaks a visibility rule</source>
        <translation>可視性ルールに違反</translation>
    </message>
    <message>
        <source>Cycle between packages</source>
        <translation>パッケージ間の循環</translation>
    </message>
    <message>
        <source>With --view graph: level of detail, targets, packages[:DEPTH] or distributions.</source>
        <translation>--view graph と併用: 詳細レベル。targets、packages[:DEPTH]、distributions のいずれか。</translation>
    </message>
    <message>
        <source>With --view graph: open the component ID in place (repeatable, in order).</source>
        <translation>--view graph と併用: コンポーネント ID をその場で開きます(繰り返し可、順に)。</translation>
    </message>
    <message>
        <source>With --view graph: show the provenance of the first cycle, violation or heaviest edge.</source>
        <translation>--view graph と併用: 最初の循環、違反、または最も重いエッジの根拠を表示します。</translation>
    </message>
    <message>
        <source>Unknown graph mode %1</source>
        <translation>不明なグラフモード %1</translation>
    </message>
    <message>
        <source>Cannot open %1 in the graph</source>
        <translation>グラフで %1 を開けません</translation>
    </message>
    <message>
        <source>No %1 edge in the graph</source>
        <translation>グラフに %1 のエッジがありません</translation>
    </message>
    <message>
        <source>not a git repository</source>
        <translation>git リポジトリではありません</translation>
    </message>
    <message>
        <source>no uncommitted changes</source>
        <translation>未コミットの変更はありません</translation>
    </message>
    <message>
        <source>HEAD is detached</source>
        <translation>HEAD が切り離されています</translation>
    </message>
    <message>
        <source>no test run recorded</source>
        <translation>記録されたテスト実行はありません</translation>
    </message>
    <message>
        <source>no workspace loaded</source>
        <translation>ワークスペースが読み込まれていません</translation>
    </message>
    <message>
        <source>no release tag to compare with</source>
        <translation>比較するリリースタグがありません</translation>
    </message>
    <message>
        <source>cannot read lockfiles from git</source>
        <translation>git からロックファイルを読めません</translation>
    </message>
    <message>
        <source>on &apos;%1&apos;</source>
        <translation>&apos;%1&apos; ブランチ上</translation>
    </message>
    <message numerus="yes">
        <source>%n fragment(s)</source>
        <translation>
            <numerusform>フラグメント %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lockfile(s) unchanged since %1</source>
        <translation>
            <numerusform>%1 以降、ロックファイル %n 個は未変更</numerusform>
        </translation>
    </message>
    <message>
        <source>changed since %1 (reviewed): %2</source>
        <translation>%1 以降に変更(レビュー済み): %2</translation>
    </message>
    <message>
        <source>changed since %1: %2</source>
        <translation>%1 以降に変更: %2</translation>
    </message>
    <message>
        <source>VERSION %1 is already released as tag %2; no new version chosen yet</source>
        <translation>VERSION %1 はタグ %2 としてリリース済みです。新しいバージョンはまだ選ばれていません</translation>
    </message>
    <message>
        <source>VERSION %1 is older than the last release %2</source>
        <translation>VERSION %1 は前回のリリース %2 より古いです</translation>
    </message>
    <message>
        <source>%1 is newer than %2</source>
        <translation>%1 は %2 より新しいです</translation>
    </message>
    <message>
        <source>view %1 ms, layout %2 ms, on screen after %3 ms</source>
        <translation>ビュー %1 ms、レイアウト %2 ms、表示まで %3 ms</translation>
    </message>
    <message>
        <source>index %1 ms</source>
        <translation>インデックス %1 ms</translation>
    </message>
    <message>
        <source>Lightweight tag %1, like the repository&apos;s tags.</source>
        <translation>軽量タグ %1（リポジトリの既存のタグと同じ形式）。</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>コミット済み</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <source>untracked</source>
        <translation>未追跡</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>Changed files (%1)</source>
        <translation>変更されたファイル (%1)</translation>
    </message>
    <message>
        <source>Owners (%1)</source>
        <translation>オーナー (%1)</translation>
    </message>
    <message>
        <source>Affected dependents (%1)</source>
        <translation>影響を受ける依存元 (%1)</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>オーナーなし</translation>
    </message>
    <message numerus="yes">
        <source>%n owner(s)</source>
        <translation>
            <numerusform>オーナー %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from %1</source>
        <translation>
            <numerusform>%1 から %n ホップ</numerusform>
        </translation>
    </message>
    <message>
        <source>File or target</source>
        <translation>ファイルまたはターゲット</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Owner or cause</source>
        <translation>オーナーまたは原因</translation>
    </message>
    <message>
        <source>Base ref: files changed since its merge base with HEAD, plus uncommitted and untracked files</source>
        <translation>基準 ref: HEAD とのマージベース以降に変更されたファイル、未コミットのファイル、未追跡のファイル</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>直接</translation>
    </message>
    <message>
        <source>Transitive</source>
        <translation>推移的</translation>
    </message>
    <message>
        <source>Which dependents of the changed targets are affected too ([changed].dependents)</source>
        <translation>変更されたターゲットのどの依存元まで影響を受けるか ([changed].dependents)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Compute the changes again</source>
        <translation>変更をもう一度計算します</translation>
    </message>
    <message>
        <source>&amp;Base:</source>
        <translation>基準(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Dependents:</source>
        <translation>依存元(&amp;D):</translation>
    </message>
    <message>
        <source>Filter files and targets</source>
        <translation>ファイルとターゲットを絞り込む</translation>
    </message>
    <message>
        <source>Run the tests of every affected test target</source>
        <translation>影響を受けるすべてのテストターゲットのテストを実行します</translation>
    </message>
    <message>
        <source>Computing the changes…</source>
        <translation>変更を計算しています…</translation>
    </message>
    <message>
        <source>Computing the changes since %1…</source>
        <translation>%1 以降の変更を計算しています…</translation>
    </message>
    <message>
        <source>the dependency graph is not loaded</source>
        <translation>依存関係グラフが読み込まれていません</translation>
    </message>
    <message>
        <source>Cannot compute the changes since %1: %2</source>
        <translation>%1 以降の変更を計算できません: %2</translation>
    </message>
    <message>
        <source>%1 (merge base %2)</source>
        <translation>%1 (マージベース %2)</translation>
    </message>
    <message>
        <source>Nothing changed since %1.</source>
        <translation>%1 以降、変更はありません。</translation>
    </message>
    <message numerus="yes">
        <source>Since %1: %n changed file(s)</source>
        <translation>
            <numerusform>%1 以降: 変更されたファイル %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n affected target(s)</source>
        <translation>
            <numerusform>影響を受けるターゲット %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test target(s) will be tested</source>
        <translation>
            <numerusform>%n 個のテストターゲットをテストします</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a source of %2</source>
        <translation>%1 は %2 のソースです</translation>
    </message>
    <message>
        <source>%1 matched the sources of %2</source>
        <translation>%1 は %2 の sources に一致していました</translation>
    </message>
    <message>
        <source>%1 changes a requirement of %2</source>
        <translation>%1 は %2 の要件を変更します</translation>
    </message>
    <message>
        <source>%1 declares %2 at %3</source>
        <translation>%1 が %3 で %2 を宣言しています</translation>
    </message>
    <message>
        <source>%1 configures every target, %2 included</source>
        <translation>%1 は %2 を含むすべてのターゲットを設定します</translation>
    </message>
    <message>
        <source>%1 imports %2 at %3</source>
        <translation>%1 が %3 で %2 を import しています</translation>
    </message>
    <message>
        <source>%1 depends on %2 at %3</source>
        <translation>%1 が %3 で %2 に依存しています</translation>
    </message>
    <message>
        <source>%1 generates %2 at %3</source>
        <translation>%1 が %3 で %2 を生成しています</translation>
    </message>
    <message>
        <source>%1 uses %2, its conftest.py</source>
        <translation>%1 は conftest.py の %2 を使います</translation>
    </message>
    <message>
        <source>%1 uses %2, an ancestor __init__.py</source>
        <translation>%1 は祖先の __init__.py である %2 を使います</translation>
    </message>
    <message>
        <source>%1 has its entry point in %2 at %3</source>
        <translation>%1 のエントリーポイントは %3 の %2 にあります</translation>
    </message>
    <message>
        <source>%1 is pinned by %2 at %3</source>
        <translation>%1 は %3 の %2 で固定されています</translation>
    </message>
    <message>
        <source>Select a file or a target to see why it is affected.</source>
        <translation>ファイルまたはターゲットを選ぶと、影響を受ける理由が表示されます。</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No target owns this file.</source>
        <translation>このファイルを所有するターゲットはありません。</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>オーナー</translation>
    </message>
    <message>
        <source>Why %1 changed</source>
        <translation>%1 が変更された理由</translation>
    </message>
    <message numerus="yes">
        <source>Why %1 is affected (%n hop(s) from a change)</source>
        <translation>
            <numerusform>%1 が影響を受ける理由 (変更から %n ホップ)</numerusform>
        </translation>
    </message>
    <message>
        <source>Bring a panel to the front after loading: run, graph, release, problems or changed.</source>
        <translation>読み込み後にパネルを前面に表示します: run、graph、release、problems または changed。</translation>
    </message>
    <message>
        <source>With --view changed: the base ref.</source>
        <translation>--view changed と併用: 基準 ref。</translation>
    </message>
    <message>
        <source>With --view changed: none, direct or transitive.</source>
        <translation>--view changed と併用: none、direct または transitive。</translation>
    </message>
    <message>
        <source>Unknown dependents mode %1</source>
        <translation>不明な依存元モード %1</translation>
    </message>
    <message>
        <source>%1 is not affected</source>
        <translation>%1 は影響を受けません</translation>
    </message>
    <message>
        <source>Commit or stash the changes, or go Back to Options and tick “Proceed with uncommitted changes”.</source>
        <translation>変更をコミットまたは stash するか、戻ってオプションページの「未コミットの変更があっても続行」をオンにしてください。</translation>
    </message>
    <message>
        <source>Switch to a release branch in your Git tool, then click “Refresh” on the Release tab.</source>
        <translation>Git ツールでリリースブランチに切り替えてから、リリースタブの「更新」をクリックしてください。</translation>
    </message>
    <message>
        <source>Go Back to the first page and choose a newer version.</source>
        <translation>最初のページに戻って、より新しいバージョンを選んでください。</translation>
    </message>
    <message>
        <source>Fix or delete the files listed under News Fragments on the Release tab (“Open”, “Delete…”), or add one with “New Fragment…”.</source>
        <translation>リリースタブのニュースフラグメントに表示されたファイルを修正または削除する(「開く」「削除…」)か、「新しいフラグメント…」で追加してください。</translation>
    </message>
    <message>
        <source>Click “Run Tests of Changed Targets” on the Release tab, or “Test Changed” in the Run panel (Ctrl+Shift+T).</source>
        <translation>リリースタブの「変更されたターゲットのテストを実行」をクリックするか、実行パネルの「変更された対象をテスト」(Ctrl+Shift+T) を使ってください。</translation>
    </message>
    <message>
        <source>Review the changes on the Lockfiles tab, then click “Mark Lockfiles Reviewed” on the Release tab.</source>
        <translation>ロックファイルタブで変更を確認してから、リリースタブの「ロックファイルをレビュー済みにする」をクリックしてください。</translation>
    </message>
    <message>
        <source>Commit or stash that change first; “Proceed with uncommitted changes” covers only files the release does not touch.</source>
        <translation>先にその変更をコミットまたは stash してください。「未コミットの変更があっても続行」はリリースが触れないファイルにだけ適用されます。</translation>
    </message>
    <message>
        <source>Fix or delete the files listed under News Fragments on the Release tab, then click “Refresh”.</source>
        <translation>リリースタブのニュースフラグメントに表示されたファイルを修正または削除してから、「更新」をクリックしてください。</translation>
    </message>
    <message>
        <source>Go Back to the first page and choose another version.</source>
        <translation>最初のページに戻って、別のバージョンを選んでください。</translation>
    </message>
    <message>
        <source>Check out the release branch in your Git tool, then open this wizard again.</source>
        <translation>Git ツールでリリースブランチをチェックアウトしてから、このウィザードをもう一度開いてください。</translation>
    </message>
    <message>
        <source>Review the command in the repository&apos;s configuration, then click “Trust and Retry”.</source>
        <translation>リポジトリの設定にあるコマンドを確認してから、「信頼して再試行」をクリックしてください。</translation>
    </message>
    <message>
        <source>Fix the changelog template or the fragment it fails on; the Release tab shows the same error in place of the draft.</source>
        <translation>変更履歴テンプレートか、テンプレートが失敗するフラグメントを修正してください。リリースタブでも下書きの代わりに同じエラーが表示されます。</translation>
    </message>
    <message>
        <source>Failed Checklist Items</source>
        <translation>失敗したチェック項目</translation>
    </message>
    <message>
        <source>&amp;Trust and Retry</source>
        <translation>信頼して再試行(&amp;T)</translation>
    </message>
    <message>
        <source>The release cannot be prepared:</source>
        <translation>リリースを準備できません:</translation>
    </message>
    <message>
        <source>Trust Release Command</source>
        <translation>リリースコマンドを信頼</translation>
    </message>
    <message>
        <source>Preparing a release in %1 runs this command from the repository&apos;s configuration:

%2

Trust it? It runs on every release prepared here until the command changes.</source>
        <translation>%1 でリリースを準備すると、リポジトリの設定にある次のコマンドが実行されます:

%2

信頼しますか? コマンドが変わるまで、ここで準備するすべてのリリースで実行されます。</translation>
    </message>
    <message>
        <source>%1: its tests run with Test These</source>
        <translation>%1: 「これらをテスト」でテストが実行されます</translation>
    </message>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>概要: クリックまたはドラッグで表示を移動します</translation>
    </message>
    <message>
        <source>Find boxes by name or by a target inside them; Enter: next match, Shift+Enter: previous</source>
        <translation>名前または中のターゲットでボックスを検索します。Enter: 次の一致、Shift+Enter: 前の一致</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>前の一致</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>次の一致</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>レイアウトをリセット</translation>
    </message>
    <message>
        <source>Forget this workspace&apos;s zoom, depth, opened packages and toggles</source>
        <translation>このワークスペースのズーム、深さ、開いたパッケージ、切り替えの設定を消去します</translation>
    </message>
    <message>
        <source>More</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Every graph control, including those the toolbar has no room for</source>
        <translation>ツールバーに収まらないものを含む、すべてのグラフ操作</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es); Enter goes to the next</source>
        <translation>
            <numerusform>%n 件一致、Enter で次へ</numerusform>
        </translation>
    </message>
    <message>
        <source>Match %1 of %2: %3</source>
        <translation>一致 %1/%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside; double-click to open</source>
        <translation>
            <numerusform>中に一致するターゲット %n 件、ダブルクリックで開きます</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside</source>
        <translation>
            <numerusform>中に一致するターゲット %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target dependency(ies)</source>
        <translation>
            <numerusform>ターゲット依存 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: import &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1: import &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>explicit in %1</source>
        <translation>%1 で明示</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>フォーカス</translation>
    </message>
    <message>
        <source>Show More</source>
        <translation>さらに表示</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>折りたたむ</translation>
    </message>
    <message>
        <source>Show Dependencies</source>
        <translation>依存先を表示</translation>
    </message>
    <message>
        <source>Show Dependents</source>
        <translation>依存元を表示</translation>
    </message>
    <message>
        <source>Why Does %1 Depend on %2?</source>
        <translation>%1 が %2 に依存する理由</translation>
    </message>
    <message>
        <source>Why Does %1 Depend on…</source>
        <translation>%1 が依存する理由…</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>アドレスをコピー</translation>
    </message>
    <message>
        <source>Open BUILD File</source>
        <translation>BUILD ファイルを開く</translation>
    </message>
    <message>
        <source>Show Import Lines</source>
        <translation>import 行を表示</translation>
    </message>
    <message>
        <source>Open Source at Line</source>
        <translation>ソースの該当行を開く</translation>
    </message>
    <message>
        <source>Open %1:%2</source>
        <translation>%1:%2 を開く</translation>
    </message>
    <message>
        <source>Hide Arrow</source>
        <translation>矢印を隠す</translation>
    </message>
    <message numerus="yes">
        <source>%n arrow(s) hidden; More &gt; Show Hidden Arrows brings them back</source>
        <translation>
            <numerusform>矢印 %n 本を非表示にしました。その他 &gt; 非表示の矢印を表示 で戻せます</numerusform>
        </translation>
    </message>
    <message>
        <source>Why does %1 depend on…? Click the dependency.</source>
        <translation>%1 が何に依存する理由を調べますか? 依存先をクリックしてください。</translation>
    </message>
    <message>
        <source>Open the groups first: paths run between targets</source>
        <translation>先にグループを開いてください。経路はターゲット間にのみあります</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; does not depend on &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; は &lt;b&gt;%2&lt;/b&gt; に依存していません</translation>
    </message>
    <message numerus="yes">
        <source>Why does &lt;b&gt;%1&lt;/b&gt; depend on &lt;b&gt;%2&lt;/b&gt;: %n dependency(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; が &lt;b&gt;%2&lt;/b&gt; に依存する理由: 依存 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Find in Graph</source>
        <translation>グラフ内を検索</translation>
    </message>
    <message>
        <source>Show Hidden Arrows (%1)</source>
        <translation>非表示の矢印を表示 (%1)</translation>
    </message>
    <message>
        <source>With --view graph: search for TEXT and go to the first match.</source>
        <translation>--view graph と併用: TEXT を検索し、最初の一致へ移動します。</translation>
    </message>
    <message>
        <source>With --view graph: show why box FROM depends on box TO (ids or labels).</source>
        <translation>--view graph と併用: ボックス FROM がボックス TO に依存する理由を表示します (ID または名前)。</translation>
    </message>
    <message>
        <source>No dependency path for %1</source>
        <translation>%1 の間に依存経路がありません</translation>
    </message>
    <message>
        <source>Run each test in a sand&amp;box of its inputs</source>
        <translation>各テストを入力だけのサンドボックスで実行(&amp;B)</translation>
    </message>
    <message>
        <source>Automatic (the lockfile environment when built)</source>
        <translation>自動 (ビルド済みならロックファイルの環境)</translation>
    </message>
    <message>
        <source>Lockfile environment (build when needed)</source>
        <translation>ロックファイルの環境 (必要ならビルド)</translation>
    </message>
    <message>
        <source>Search for an interpreter</source>
        <translation>インタープリターを検索</translation>
    </message>
    <message>
        <source>Where tests and type checks get their Python for a resolve with a lockfile (trellis test --python-env)</source>
        <translation>ロックファイルを持つ resolve で、テストと型チェックが使う Python の取得元 (trellis test --python-env)</translation>
    </message>
    <message>
        <source>Like Pants, each test process runs in a temporary directory holding only its inputs. Unchecked, tests run in place in the workspace and their results are not cached (trellis test --no-sandbox).</source>
        <translation>Pants と同じく、各テストプロセスは入力だけを置いた一時ディレクトリで実行されます。オフにすると、テストはワークスペース内でそのまま実行され、結果はキャッシュされません (trellis test --no-sandbox)。</translation>
    </message>
    <message>
        <source>Python en&amp;vironment:</source>
        <translation>Python 環境(&amp;V):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop building the Python environment and cancel the run</source>
        <translation>Python 環境のビルドを止めて実行をキャンセルします</translation>
    </message>
    <message>
        <source>Python environment: %1</source>
        <translation>Python 環境: %1</translation>
    </message>
    <message>
        <source>Python environment %1: %2 of %3 packages, %4 downloaded — %5</source>
        <translation>Python 環境 %1: %3 個中 %2 個のパッケージ、%4 ダウンロード済み — %5</translation>
    </message>
    <message>
        <source>Watching for changes by polling every few seconds: %1</source>
        <translation>数秒ごとの確認で変更を監視しています: %1</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>最新です</translation>
    </message>
    <message numerus="yes">
        <source>Show all %n (%1 more)</source>
        <translation>
            <numerusform>%n 件をすべて表示 (あと %1 件)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 made changes to:</source>
        <translation>%1 が変更したファイル:</translation>
    </message>
</context>
</TS>
