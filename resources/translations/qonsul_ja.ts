<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>HeldData</name>
    <message>
        <source>%1 key</source>
        <translation>キー %1 個</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>キー %1 個</translation>
    </message>
    <message>
        <source>%1 service</source>
        <translation>サービス %1 個</translation>
    </message>
    <message>
        <source>%1 services</source>
        <translation>サービス %1 個</translation>
    </message>
    <message>
        <source>%1 check</source>
        <translation>チェック %1 個</translation>
    </message>
    <message>
        <source>%1 checks</source>
        <translation>チェック %1 個</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>何も</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1、%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>No file manager</source>
        <translation>ファイルマネージャーがありません</translation>
    </message>
    <message>
        <source>No web browser</source>
        <translation>Web ブラウザーがありません</translation>
    </message>
    <message>
        <source>No file manager could be started here. The folder is:</source>
        <translation>ファイルマネージャーを起動できませんでした。フォルダーは次のとおりです:</translation>
    </message>
    <message>
        <source>No web browser could be started here. Open this address in one:</source>
        <translation>Web ブラウザーを起動できませんでした。次のアドレスをブラウザーで開いてください:</translation>
    </message>
    <message>
        <source>a service name, or * for any</source>
        <translation>サービス名（* ですべて）</translation>
    </message>
</context>
<context>
    <name>Track</name>
    <message>
        <source>The port is busy: this app&apos;s own dev agent holds %1. Stop it and run the command again; the app&apos;s pages then follow your agent.</source>
        <translation>ポートが使用中です。%1 はこのアプリ自身の dev エージェントが使っています。それを停止してからコマンドを再実行してください。以後、アプリの各ページはあなたのエージェントを表示します。</translation>
    </message>
    <message>
        <source>The port is busy: something already listens on %1. An agent or proxy of an earlier step may still run (its Stop button is under Running), or another program has it: %2 shows which.</source>
        <translation>ポートが使用中です。%1 ですでに何かが待ち受けています。前のステップのエージェントやプロキシがまだ動いている（その停止ボタンは「実行中」の下にあります）か、別のプログラムが使っています。どれなのかは %2 で確認できます。</translation>
    </message>
    <message>
        <source>its address</source>
        <translation>そのアドレス</translation>
    </message>
    <message>
        <source>Script checks are not enabled: this agent refuses checks that run commands. Stop it and start it again with %1 (as in step 5), then reload.</source>
        <translation>スクリプトチェックが有効になっていません。このエージェントはコマンドを実行するチェックを拒否します。いったん停止し、（ステップ 5 と同じく）%1 を付けて起動し直してから、リロードしてください。</translation>
    </message>
    <message>
        <source>The join went to %1, where no agent listens for gossip. agent-one is on %2 and agent-two on %3 (gossip on port 8301): %4</source>
        <translation>join は %1 に送られましたが、そこではゴシップを待ち受けているエージェントがいません。agent-one は %2、agent-two は %3 にいます（ゴシップはポート 8301）: %4</translation>
    </message>
    <message>
        <source>an address</source>
        <translation>指定したアドレス</translation>
    </message>
    <message>
        <source>No agent answered. Start the agent of this step first (the commands that keep running), then run this again.</source>
        <translation>どのエージェントも応答しませんでした。先にこのステップのエージェント（実行し続けるコマンド）を起動してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>An agent answers at %1</source>
        <translation>%1 でエージェントが応答しています</translation>
    </message>
    <message>
        <source>No agent answers at %1</source>
        <translation>%1 で応答するエージェントはありません</translation>
    </message>
    <message>
        <source>Nothing answers at %1 (%2). Start the agent with %3, or look at its output: it may have stopped.</source>
        <translation>%1 で何も応答しません（%2）。%3 でエージェントを起動するか、その出力を確認してください。停止している可能性があります。</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>The agent at %1 is this app&apos;s own, not the one the track starts</source>
        <translation>%1 のエージェントはこのアプリ自身のもので、トラックが起動するものではありません</translation>
    </message>
    <message>
        <source>This app started its own dev agent on %1 because nothing answered there. Stop it and the track&apos;s agent can have the port; the app&apos;s pages then follow the track&apos;s agent.</source>
        <translation>%1 で何も応答しなかったため、このアプリが独自の dev エージェントをそこで起動しました。それを停止すれば、トラックのエージェントがそのポートを使えます。以後、アプリの各ページはトラックのエージェントを表示します。</translation>
    </message>
    <message>
        <source>qonsul is not on your PATH, nor in ~/.local/bin</source>
        <translation>qonsul が PATH にも ~/.local/bin にもありません</translation>
    </message>
    <message>
        <source>%1 does not answer %2 as Consul does</source>
        <translation>%1 は %2 に対して Consul と同じようには応答しません</translation>
    </message>
    <message>
        <source>qonsul is installed (%1) and says: %2</source>
        <translation>qonsul はインストール済み（%1）で、次のように出力します: %2</translation>
    </message>
    <message>
        <source>New terminals have alias consul=qonsul (~/.bash_aliases)</source>
        <translation>新しいターミナルでは alias consul=qonsul が有効です（~/.bash_aliases）</translation>
    </message>
    <message>
        <source>~/.bash_aliases does not set alias consul=qonsul yet</source>
        <translation>~/.bash_aliases にはまだ alias consul=qonsul が設定されていません</translation>
    </message>
    <message>
        <source>Its node is named machine</source>
        <translation>ノード名は machine です</translation>
    </message>
    <message>
        <source>Its node is named %1, not machine: start it with -node machine</source>
        <translation>ノード名が machine ではなく %1 です。-node machine を付けて起動してください</translation>
    </message>
    <message>
        <source>machine is in the catalog</source>
        <translation>machine はカタログにあります</translation>
    </message>
    <message>
        <source>machine is not in the catalog yet</source>
        <translation>machine はまだカタログにありません</translation>
    </message>
    <message>
        <source>web is not registered: write consul.d/web.json and start the agent with -config-dir=./consul.d (or run consul reload)</source>
        <translation>web が登録されていません。consul.d/web.json を書き、-config-dir=./consul.d を付けてエージェントを起動してください（または consul reload を実行）</translation>
    </message>
    <message>
        <source>web is registered</source>
        <translation>web は登録済みです</translation>
    </message>
    <message>
        <source>web is passing</source>
        <translation>web は passing です</translation>
    </message>
    <message>
        <source>web is not passing</source>
        <translation>web は passing ではありません</translation>
    </message>
    <message>
        <source>web is critical, so DNS and ?passing leave it out. Its check says why:&lt;br&gt;%1</source>
        <translation>web は critical のため、DNS と ?passing の結果から除外されます。チェックが示す理由:&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>%1 has no sidecar registered: write consul.d/%1.json with &quot;connect&quot;: {&quot;sidecar_service&quot;: …} and run consul reload</source>
        <translation>%1 にはサイドカーが登録されていません。&quot;connect&quot;: {&quot;sidecar_service&quot;: …} を含む consul.d/%1.json を書き、consul reload を実行してください</translation>
    </message>
    <message>
        <source>%1&apos;s sidecar proxy is running</source>
        <translation>%1 のサイドカープロキシは実行中です</translation>
    </message>
    <message>
        <source>%1&apos;s sidecar proxy is not running</source>
        <translation>%1 のサイドカープロキシは実行されていません</translation>
    </message>
    <message>
        <source>Nothing listens on %1&apos;s sidecar port (%2). Start the proxy with %3; its check sees it within 10 s.</source>
        <translation>%1 のサイドカーのポート（%2）で何も待ち受けていません。%3 でプロキシを起動してください。10 秒以内にチェックが検知します。</translation>
    </message>
    <message>
        <source>Intentions allow web → socat</source>
        <translation>インテンションが web → socat を許可しています</translation>
    </message>
    <message>
        <source>An intention denies web → socat</source>
        <translation>インテンションが web → socat を拒否しています</translation>
    </message>
    <message>
        <source>The intention web → socat (deny) makes socat&apos;s sidecar refuse web. Delete it: %1</source>
        <translation>インテンション web → socat（deny）により、socat のサイドカーが web を拒否しています。削除してください: %1</translation>
    </message>
    <message>
        <source>A line sent to 127.0.0.1:%1 comes back through both sidecars</source>
        <translation>127.0.0.1:%1 に送った行が、両方のサイドカーを通って返ってきます</translation>
    </message>
    <message>
        <source>A line sent to 127.0.0.1:%1 does not come back (%2)</source>
        <translation>127.0.0.1:%1 に送った行が返ってきません（%2）</translation>
    </message>
    <message>
        <source>agent-two is a member of agent-one&apos;s cluster</source>
        <translation>agent-two は agent-one のクラスターのメンバーです</translation>
    </message>
    <message>
        <source>agent-one does not see agent-two: join them with %1</source>
        <translation>agent-one から agent-two が見えません。%1 で join してください</translation>
    </message>
    <message>
        <source>agent-two runs none of the checks. They run commands (ping, curl): an agent loads them only when started with %1. If %2 said &quot;Scripts are disabled&quot;, start agent-two again with that flag.</source>
        <translation>agent-two はどのチェックも実行していません。これらはコマンド（ping、curl）を実行するため、エージェントは %1 を付けて起動したときにしか読み込みません。%2 が &quot;Scripts are disabled&quot; と出力した場合は、このフラグを付けて agent-two を起動し直してください。</translation>
    </message>
    <message>
        <source>agent-two has no ping check</source>
        <translation>agent-two に ping チェックがありません</translation>
    </message>
    <message>
        <source>agent-two&apos;s ping check is passing</source>
        <translation>agent-two の ping チェックは passing です</translation>
    </message>
    <message>
        <source>agent-two&apos;s ping check is %1: %2</source>
        <translation>agent-two の ping チェックは %1 です: %2</translation>
    </message>
    <message>
        <source>agent-two has no web service with a check</source>
        <translation>agent-two にチェック付きの web サービスがありません</translation>
    </message>
    <message>
        <source>web&apos;s check has not run yet (every 10 s)</source>
        <translation>web のチェックはまだ実行されていません（10 秒ごとに実行）</translation>
    </message>
    <message>
        <source>web&apos;s check ran: %1, as intended — %2</source>
        <translation>web のチェックが実行されました。意図どおり %1 です — %2</translation>
    </message>
    <message>
        <source>web is critical because its check says: %1. DNS and ?passing leave it out until the check passes.</source>
        <translation>web はチェックが次のように報告しているため critical です: %1。チェックが passing になるまで、DNS と ?passing の結果から除外されます。</translation>
    </message>
    <message>
        <source>There is no key foo yet</source>
        <translation>キー foo はまだありません</translation>
    </message>
    <message>
        <source>foo holds bar</source>
        <translation>foo の値は bar です</translation>
    </message>
    <message>
        <source>foo holds %1, not bar</source>
        <translation>foo の値は bar ではなく %1 です</translation>
    </message>
    <message>
        <source>foo was written more than once: its ModifyIndex moved past its CreateIndex</source>
        <translation>foo は複数回書き込まれました。ModifyIndex が CreateIndex より進んでいます</translation>
    </message>
    <message>
        <source>foo was written only once so far</source>
        <translation>foo はまだ 1 回しか書き込まれていません</translation>
    </message>
    <message>
        <source>Nothing is left under redis/</source>
        <translation>redis/ の下には何も残っていません</translation>
    </message>
    <message>
        <source>Keys are left under redis/</source>
        <translation>redis/ の下にキーが残っています</translation>
    </message>
    <message>
        <source>The agent at %1 serves no UI (HTTP %2): start it with -ui</source>
        <translation>%1 のエージェントは UI を提供していません（HTTP %2）。-ui を付けて起動してください</translation>
    </message>
    <message numerus="yes">
        <source>The lab has %n server(s)</source>
        <translation>
            <numerusform>ラボのサーバーは %n 台です</numerusform>
        </translation>
    </message>
    <message>
        <source>n1 is failed: it was killed</source>
        <translation>n1 は failed 状態です（強制終了されました）</translation>
    </message>
    <message>
        <source>n1 is not failed yet: kill it</source>
        <translation>n1 はまだ failed 状態ではありません。強制終了してください</translation>
    </message>
    <message>
        <source>No leader: an election is under way, or there is no quorum</source>
        <translation>リーダーがいません。選挙中か、クォーラムがありません</translation>
    </message>
    <message>
        <source>The servers left elected a leader: %1</source>
        <translation>残ったサーバーがリーダーを選出しました: %1</translation>
    </message>
    <message>
        <source>n1 (%1) still leads</source>
        <translation>n1（%1）がまだリーダーです</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>インストール</translation>
    </message>
    <message>
        <source>&lt;p&gt;Consul is one program, &lt;code&gt;consul&lt;/code&gt;, that is at once the agent and its command line. Qonsul is the same: &lt;code&gt;qonsul&lt;/code&gt; runs agents, answers the commands of Consul&apos;s tutorial, and is this window too.&lt;/p&gt;&lt;p&gt;Put it on your &lt;code&gt;PATH&lt;/code&gt; and let &lt;code&gt;consul&lt;/code&gt; mean &lt;code&gt;qonsul&lt;/code&gt;, so that the tutorial&apos;s commands run as written. Every command of this track runs with that alias, and so does the terminal that &lt;b&gt;Open a Terminal Here&lt;/b&gt; starts.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Consul は &lt;code&gt;consul&lt;/code&gt; という 1 つのプログラムで、エージェントであると同時にそのコマンドラインでもあります。Qonsul も同じで、&lt;code&gt;qonsul&lt;/code&gt; はエージェントを実行し、Consul のチュートリアルのコマンドに応え、このウィンドウにもなります。&lt;/p&gt;&lt;p&gt;&lt;code&gt;PATH&lt;/code&gt; に置いて &lt;code&gt;consul&lt;/code&gt; が &lt;code&gt;qonsul&lt;/code&gt; を指すようにすると、チュートリアルのコマンドを書かれたとおりに実行できます。このトラックのコマンドはすべてこのエイリアス付きで実行され、&lt;b&gt;ここでターミナルを開く&lt;/b&gt;で起動するターミナルも同様です。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Link qonsul where your shell finds programs</source>
        <translation>シェルがプログラムを探す場所に qonsul をリンクする</translation>
    </message>
    <message>
        <source>Let consul mean qonsul in your new terminals</source>
        <translation>新しいターミナルで consul を qonsul として使えるようにする</translation>
    </message>
    <message>
        <source>Which Consul it behaves like</source>
        <translation>どの Consul として振る舞うか</translation>
    </message>
    <message>
        <source>Agent page</source>
        <translation>エージェントページ</translation>
    </message>
    <message>
        <source>Run the agent</source>
        <translation>エージェントを実行する</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every machine of a Consul datacenter runs an &lt;b&gt;agent&lt;/b&gt;. The agent keeps the machine&apos;s services and checks, and answers questions about the whole datacenter: over HTTP on port 8500 and over DNS on port 8600.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;dev&lt;/b&gt; agent is a server and a client in one process, keeps everything in memory and needs no configuration: the quickest way to try things. &lt;code&gt;-node machine&lt;/code&gt; names the node, as the tutorial does.&lt;/p&gt;&lt;p&gt;This app starts a dev agent of its own when nothing answers on port 8500. Yours replaces it: the app stops its own agent when you ask, and its pages follow yours.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Consul データセンターのすべてのマシンで&lt;b&gt;エージェント&lt;/b&gt;が動いています。エージェントはそのマシンのサービスとチェックを管理し、データセンター全体についての問い合わせに答えます。HTTP はポート 8500、DNS はポート 8600 です。&lt;/p&gt;&lt;p&gt;&lt;b&gt;dev&lt;/b&gt; エージェントは 1 つのプロセスでサーバーとクライアントを兼ね、すべてをメモリー上に保持し、設定も不要です。試すには最も手軽な方法です。&lt;code&gt;-node machine&lt;/code&gt; は、チュートリアルと同じくノードに名前を付けます。&lt;/p&gt;&lt;p&gt;このアプリは、ポート 8500 で何も応答しないときに独自の dev エージェントを起動します。あなたのエージェントはそれに置き換わります。指示すればアプリは自分のエージェントを停止し、各ページはあなたのエージェントを表示します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start a dev agent named machine (keeps running)</source>
        <translation>machine という名前の dev エージェントを起動する（実行し続けます）</translation>
    </message>
    <message>
        <source>The datacenter&apos;s members: only this agent</source>
        <translation>データセンターのメンバー: このエージェントのみ</translation>
    </message>
    <message>
        <source>The catalog&apos;s nodes, over HTTP</source>
        <translation>カタログのノード（HTTP 経由）</translation>
    </message>
    <message>
        <source>The node&apos;s address, over DNS</source>
        <translation>ノードのアドレス（DNS 経由）</translation>
    </message>
    <message>
        <source>Nodes ▸ machine</source>
        <translation>ノード ▸ machine</translation>
    </message>
    <message>
        <source>Register a service</source>
        <translation>サービスを登録する</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;service&lt;/b&gt; is something on a node that others want to reach: a web server on port 80, say. Describe it in a file of the agent&apos;s config dir and the agent registers it in the catalog.&lt;/p&gt;&lt;p&gt;From then on anyone can find it by name: &lt;code&gt;web.service.consul&lt;/code&gt; in DNS gives its address, the SRV record its port too, and &lt;code&gt;/v1/health/service/web?passing&lt;/code&gt; only the instances that are healthy.&lt;/p&gt;&lt;p&gt;The agent reads its config dir when it starts, and again on &lt;code&gt;consul reload&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;サービス&lt;/b&gt;とは、ノード上にあって他から利用されるもの、たとえばポート 80 の Web サーバーです。エージェントの設定ディレクトリにあるファイルに記述すると、エージェントがカタログに登録します。&lt;/p&gt;&lt;p&gt;以後は誰でも名前で見つけられます。DNS の &lt;code&gt;web.service.consul&lt;/code&gt; はそのアドレスを、SRV レコードはポートも返します。&lt;code&gt;/v1/health/service/web?passing&lt;/code&gt; は正常なインスタンスだけを返します。&lt;/p&gt;&lt;p&gt;エージェントは起動時と &lt;code&gt;consul reload&lt;/code&gt; のときに設定ディレクトリを読み込みます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The agent&apos;s config dir</source>
        <translation>エージェントの設定ディレクトリ</translation>
    </message>
    <message>
        <source>Describe the web service</source>
        <translation>web サービスを記述する</translation>
    </message>
    <message>
        <source>Start the agent again, reading consul.d (stops the one of step 2)</source>
        <translation>consul.d を読み込んでエージェントを起動し直す（ステップ 2 のものは停止します）</translation>
    </message>
    <message>
        <source>Find web by name</source>
        <translation>名前で web を見つける</translation>
    </message>
    <message>
        <source>…with its port</source>
        <translation>…ポートも一緒に</translation>
    </message>
    <message>
        <source>The catalog&apos;s entry</source>
        <translation>カタログのエントリ</translation>
    </message>
    <message>
        <source>Only the healthy instances</source>
        <translation>正常なインスタンスのみ</translation>
    </message>
    <message>
        <source>Services ▸ web</source>
        <translation>サービス ▸ web</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Connect&lt;/b&gt; puts a small proxy, a &lt;b&gt;sidecar&lt;/b&gt;, beside each service. Services talk to their own sidecar on localhost; the sidecars talk to each other over mutual TLS, with certificates from the agent&apos;s CA.&lt;/p&gt;&lt;p&gt;Here the service is an echo server made with &lt;code&gt;socat&lt;/code&gt;. web declares socat as an &lt;b&gt;upstream&lt;/b&gt;: its sidecar listens on port 9191 and carries what it gets there to socat&apos;s sidecar.&lt;/p&gt;&lt;p&gt;An &lt;b&gt;intention&lt;/b&gt; says which service may call which. Deny web → socat and the echo stops; delete the intention and it comes back.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Connect&lt;/b&gt; は各サービスの横に小さなプロキシ、&lt;b&gt;サイドカー&lt;/b&gt;を置きます。サービスは localhost 上の自分のサイドカーと通信し、サイドカー同士はエージェントの CA が発行した証明書を使って相互 TLS で通信します。&lt;/p&gt;&lt;p&gt;ここでのサービスは &lt;code&gt;socat&lt;/code&gt; で作ったエコーサーバーです。web は socat を&lt;b&gt;アップストリーム&lt;/b&gt;として宣言します。web のサイドカーはポート 9191 で待ち受け、そこで受け取ったものを socat のサイドカーへ届けます。&lt;/p&gt;&lt;p&gt;&lt;b&gt;インテンション&lt;/b&gt;は、どのサービスがどのサービスを呼び出せるかを定めます。web → socat を拒否するとエコーが止まり、インテンションを削除すると元に戻ります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>An echo service on port 8181 (keeps running)</source>
        <translation>ポート 8181 のエコーサービス（実行し続けます）</translation>
    </message>
    <message>
        <source>Register it, with a sidecar</source>
        <translation>サイドカー付きで登録する</translation>
    </message>
    <message>
        <source>web gets a sidecar with socat as its upstream</source>
        <translation>web に socat をアップストリームとするサイドカーを付ける</translation>
    </message>
    <message>
        <source>The agent reads consul.d again</source>
        <translation>エージェントが consul.d を読み直す</translation>
    </message>
    <message>
        <source>socat&apos;s sidecar (keeps running)</source>
        <translation>socat のサイドカー（実行し続けます）</translation>
    </message>
    <message>
        <source>web&apos;s sidecar (keeps running)</source>
        <translation>web のサイドカー（実行し続けます）</translation>
    </message>
    <message>
        <source>Through both sidecars: the line comes back</source>
        <translation>両方のサイドカーを通って行が返ってくる</translation>
    </message>
    <message>
        <source>Deny web → socat</source>
        <translation>web → socat を拒否する</translation>
    </message>
    <message>
        <source>Nothing comes back now</source>
        <translation>今度は何も返ってこない</translation>
    </message>
    <message>
        <source>Delete the intention</source>
        <translation>インテンションを削除する</translation>
    </message>
    <message>
        <source>The echo is back</source>
        <translation>エコーが戻る</translation>
    </message>
    <message>
        <source>Intentions ▸ Topology</source>
        <translation>インテンション ▸ トポロジー</translation>
    </message>
    <message>
        <source>The dev agent of step 3</source>
        <translation>ステップ 3 の dev エージェント</translation>
    </message>
    <message>
        <source>A cluster</source>
        <translation>クラスター</translation>
    </message>
    <message>
        <source>&lt;p&gt;A real datacenter has a few &lt;b&gt;servers&lt;/b&gt;, which keep the catalog and agree on it, and many &lt;b&gt;clients&lt;/b&gt;, one on every other machine. Agents find each other by &lt;b&gt;gossip&lt;/b&gt;: tell one agent the address of another with &lt;code&gt;consul join&lt;/code&gt; and soon every member knows every other.&lt;/p&gt;&lt;p&gt;The tutorial uses two virtual machines. Here each agent gets its own loopback address instead (any 127.x.y.z is this machine on Linux), with Consul&apos;s default ports: agent-one, a server, on 127.0.0.10 and agent-two, a client, on 127.0.0.11. No second machine, no browser.&lt;/p&gt;&lt;p&gt;The Lab page starts the same pair with one click, and can break it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;実際のデータセンターには、カタログを保持してその内容に合意する少数の&lt;b&gt;サーバー&lt;/b&gt;と、それ以外のすべてのマシンで 1 つずつ動く多数の&lt;b&gt;クライアント&lt;/b&gt;があります。エージェント同士は&lt;b&gt;ゴシップ&lt;/b&gt;で互いを見つけます。&lt;code&gt;consul join&lt;/code&gt; であるエージェントに別のエージェントのアドレスを伝えると、やがてすべてのメンバーが他の全メンバーを知るようになります。&lt;/p&gt;&lt;p&gt;チュートリアルでは 2 台の仮想マシンを使います。ここでは代わりに各エージェントに専用のループバックアドレスを割り当て（Linux では 127.x.y.z はどれもこのマシンを指します）、Consul の既定のポートを使います。サーバーの agent-one は 127.0.0.10、クライアントの agent-two は 127.0.0.11 です。2 台目のマシンもブラウザーも不要です。&lt;/p&gt;&lt;p&gt;ラボページなら同じ組をワンクリックで起動でき、壊すこともできます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A config dir for each agent</source>
        <translation>エージェントごとの設定ディレクトリ</translation>
    </message>
    <message>
        <source>agent-one, a server, on {n1} (keeps running)</source>
        <translation>{n1} 上のサーバー agent-one（実行し続けます）</translation>
    </message>
    <message>
        <source>agent-two, a client, on {n2} (keeps running)</source>
        <translation>{n2} 上のクライアント agent-two（実行し続けます）</translation>
    </message>
    <message>
        <source>agent-one knows only itself</source>
        <translation>agent-one は自分自身しか知らない</translation>
    </message>
    <message>
        <source>From agent-one, join agent-two</source>
        <translation>agent-one から agent-two に join する</translation>
    </message>
    <message>
        <source>Both know both</source>
        <translation>互いに相手を知る</translation>
    </message>
    <message>
        <source>agent-one&apos;s DNS knows agent-two</source>
        <translation>agent-one の DNS が agent-two を知っている</translation>
    </message>
    <message>
        <source>Nodes, on agent-one</source>
        <translation>agent-one 上のノード</translation>
    </message>
    <message>
        <source>Health checks</source>
        <translation>ヘルスチェック</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;health check&lt;/b&gt; is a test the agent runs on an interval: a script, an HTTP request, a TCP connection. A check of a service decides whether the service is found: DNS and &lt;code&gt;?passing&lt;/code&gt; leave out an instance whose check is &lt;b&gt;critical&lt;/b&gt;. A check of the node alone speaks for the whole machine.&lt;/p&gt;&lt;p&gt;agent-two gets two checks: a ping, which passes, and a web service whose check runs &lt;code&gt;curl localhost&lt;/code&gt; where nothing listens, so it fails on purpose. Script checks run commands, so the agent runs them only when started with &lt;code&gt;-enable-script-checks&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;The tutorial pings google.com; the track pings 127.0.0.1 and sends nothing off this machine.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;ヘルスチェック&lt;/b&gt;は、エージェントが一定の間隔で実行するテストです。スクリプト、HTTP リクエスト、TCP 接続などがあります。サービスのチェックは、そのサービスが見つかるかどうかを左右します。DNS と &lt;code&gt;?passing&lt;/code&gt; は、チェックが &lt;b&gt;critical&lt;/b&gt; のインスタンスを除外します。ノードだけのチェックは、マシン全体の状態を表します。&lt;/p&gt;&lt;p&gt;agent-two には 2 つのチェックを付けます。成功する ping と、何も待ち受けていない場所に &lt;code&gt;curl localhost&lt;/code&gt; を実行するため、わざと失敗する web サービスのチェックです。スクリプトチェックはコマンドを実行するので、エージェントは &lt;code&gt;-enable-script-checks&lt;/code&gt; を付けて起動した場合にのみ実行します。&lt;/p&gt;&lt;p&gt;チュートリアルでは google.com に ping しますが、このトラックでは 127.0.0.1 に ping し、このマシンの外には何も送りません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A check of the node: ping</source>
        <translation>ノードのチェック: ping</translation>
    </message>
    <message>
        <source>A service with a check that fails</source>
        <translation>失敗するチェック付きのサービス</translation>
    </message>
    <message>
        <source>agent-two reads n2.d again</source>
        <translation>agent-two が n2.d を読み直す</translation>
    </message>
    <message>
        <source>What is critical, asked of agent-one</source>
        <translation>critical なものを agent-one に問い合わせる</translation>
    </message>
    <message>
        <source>DNS leaves the critical web out</source>
        <translation>DNS は critical な web を除外する</translation>
    </message>
    <message>
        <source>Services ▸ web, on agent-one</source>
        <translation>サービス ▸ web（agent-one 上）</translation>
    </message>
    <message>
        <source>agent-one of step 5</source>
        <translation>ステップ 5 の agent-one</translation>
    </message>
    <message>
        <source>agent-two of step 5</source>
        <translation>ステップ 5 の agent-two</translation>
    </message>
    <message>
        <source>agent-one joins agent-two</source>
        <translation>agent-one が agent-two に join する</translation>
    </message>
    <message>
        <source>KV</source>
        <translation>KV</translation>
    </message>
    <message>
        <source>&lt;p&gt;Consul keeps a &lt;b&gt;key/value store&lt;/b&gt; for configuration: keys like paths, values of any bytes, and a number of &lt;b&gt;flags&lt;/b&gt; with each key for your own use. &lt;code&gt;-recurse&lt;/code&gt; works on every key under a prefix.&lt;/p&gt;&lt;p&gt;Every write raises the key&apos;s &lt;b&gt;ModifyIndex&lt;/b&gt;. &lt;b&gt;Check-and-set&lt;/b&gt; (&lt;code&gt;-cas -modify-index=N&lt;/code&gt;) writes only while the index is still N, so two writers cannot overwrite each other unknowingly.&lt;/p&gt;&lt;p&gt;These commands talk to the dev agent of steps 2–4.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Consul は設定用の&lt;b&gt;キー/バリューストア&lt;/b&gt;を備えています。キーはパスのような形で、値には任意のバイト列を入れられます。各キーには自由に使える数値の&lt;b&gt;フラグ&lt;/b&gt;も付けられます。&lt;code&gt;-recurse&lt;/code&gt; はプレフィックス以下のすべてのキーに作用します。&lt;/p&gt;&lt;p&gt;書き込むたびにキーの &lt;b&gt;ModifyIndex&lt;/b&gt; が上がります。&lt;b&gt;Check-and-set&lt;/b&gt;（&lt;code&gt;-cas -modify-index=N&lt;/code&gt;）はインデックスがまだ N の場合にだけ書き込むので、2 つの書き手が気付かないうちに互いを上書きすることはありません。&lt;/p&gt;&lt;p&gt;これらのコマンドはステップ 2〜4 の dev エージェントと通信します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The dev agent, if it is not running any more</source>
        <translation>dev エージェント（もう動いていない場合）</translation>
    </message>
    <message>
        <source>Not there yet: an error</source>
        <translation>まだ存在しない: エラーになる</translation>
    </message>
    <message>
        <source>Write a key</source>
        <translation>キーを書き込む</translation>
    </message>
    <message>
        <source>…and another</source>
        <translation>…もう 1 つ</translation>
    </message>
    <message>
        <source>A key with flags</source>
        <translation>フラグ付きのキー</translation>
    </message>
    <message>
        <source>Read it</source>
        <translation>読み出す</translation>
    </message>
    <message>
        <source>With its indexes and flags</source>
        <translation>インデックスとフラグも表示する</translation>
    </message>
    <message>
        <source>Everything under redis</source>
        <translation>redis 以下のすべて</translation>
    </message>
    <message>
        <source>Delete one key</source>
        <translation>キーを 1 つ削除する</translation>
    </message>
    <message>
        <source>Delete the prefix</source>
        <translation>プレフィックスごと削除する</translation>
    </message>
    <message>
        <source>Write foo</source>
        <translation>foo を書き込む</translation>
    </message>
    <message>
        <source>Overwrite it</source>
        <translation>上書きする</translation>
    </message>
    <message>
        <source>Note its ModifyIndex</source>
        <translation>ModifyIndex を控える</translation>
    </message>
    <message>
        <source>A stale index: CAS failed</source>
        <translation>古いインデックス: CAS は失敗する</translation>
    </message>
    <message>
        <source>The current index: written</source>
        <translation>現在のインデックス: 書き込まれる</translation>
    </message>
    <message>
        <source>Key/Value ▸ foo</source>
        <translation>キー/バリュー ▸ foo</translation>
    </message>
    <message>
        <source>The UI</source>
        <translation>UI</translation>
    </message>
    <message>
        <source>&lt;p&gt;Consul serves a web UI at &lt;code&gt;/ui&lt;/code&gt; when started with &lt;code&gt;-ui&lt;/code&gt;: services, nodes, key/value and intentions, read from the same HTTP API the commands use.&lt;/p&gt;&lt;p&gt;Qonsul&apos;s UI is this window. Its Services, Nodes, Key/Value and Intentions pages are those of Consul&apos;s UI; DNS, Agent, Overview and Lab are its own. Qonsul&apos;s &lt;code&gt;/ui&lt;/code&gt; says how to open this window on that agent, and &lt;code&gt;qonsul desktop -attach&lt;/code&gt; does it: a second window, on the agent you started.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Consul は &lt;code&gt;-ui&lt;/code&gt; を付けて起動すると、&lt;code&gt;/ui&lt;/code&gt; で Web UI を提供します。サービス、ノード、キー/バリュー、インテンションを、コマンドと同じ HTTP API から読み出して表示します。&lt;/p&gt;&lt;p&gt;Qonsul の UI はこのウィンドウです。サービス、ノード、キー/バリュー、インテンションの各ページは Consul の UI に対応し、DNS、エージェント、概要、ラボは独自のページです。Qonsul の &lt;code&gt;/ui&lt;/code&gt; は、そのエージェントをこのウィンドウで開く方法を示し、&lt;code&gt;qonsul desktop -attach&lt;/code&gt; がそれを行います。あなたが起動したエージェントに接続した 2 つ目のウィンドウが開きます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The dev agent, with its UI (keeps running)</source>
        <translation>UI 付きの dev エージェント（実行し続けます）</translation>
    </message>
    <message>
        <source>What /ui says</source>
        <translation>/ui の内容</translation>
    </message>
    <message>
        <source>A second window on it (keeps running)</source>
        <translation>そのエージェントに接続した 2 つ目のウィンドウ（実行し続けます）</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>次のステップ</translation>
    </message>
    <message>
        <source>&lt;p&gt;The tutorial ends here and points to Consul&apos;s documentation. The lab goes on: start a cluster of three servers and a client, kill the leader, and watch the others elect a new one in a few seconds, on the &lt;b&gt;Lab&lt;/b&gt; page&apos;s Raft tab.&lt;/p&gt;&lt;p&gt;&lt;code&gt;qonsul lab&lt;/code&gt; is Qonsul&apos;s own command: no &lt;code&gt;consul&lt;/code&gt; has it, so it is written &lt;code&gt;qonsul&lt;/code&gt; here. It needs the cluster&apos;s addresses: the first command stops agent-one and agent-two of step 5.&lt;/p&gt;&lt;p&gt;Then try the Gossip tab, partitions (&lt;code&gt;qonsul lab partition&lt;/code&gt;), and the DNS page&apos;s questions.&lt;/p&gt;</source>
        <translation>&lt;p&gt;チュートリアルはここで終わり、Consul のドキュメントを案内しています。ラボはその先へ進みます。3 台のサーバーと 1 台のクライアントからなるクラスターを起動してリーダーを強制終了し、残りのサーバーが数秒で新しいリーダーを選出する様子を、&lt;b&gt;ラボ&lt;/b&gt;ページの Raft タブで観察できます。&lt;/p&gt;&lt;p&gt;&lt;code&gt;qonsul lab&lt;/code&gt; は Qonsul 独自のコマンドです。どの &lt;code&gt;consul&lt;/code&gt; にもないため、ここでは &lt;code&gt;qonsul&lt;/code&gt; と書いています。クラスターのアドレスが必要なため、最初のコマンドでステップ 5 の agent-one と agent-two を停止します。&lt;/p&gt;&lt;p&gt;続いてゴシップタブ、パーティション（&lt;code&gt;qonsul lab partition&lt;/code&gt;）、DNS ページの問い合わせも試してみてください。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Three servers and a client</source>
        <translation>3 台のサーバーと 1 台のクライアント</translation>
    </message>
    <message>
        <source>Kill the first server</source>
        <translation>1 台目のサーバーを強制終了する</translation>
    </message>
    <message>
        <source>Again, a few seconds later: a new leader</source>
        <translation>数秒後にもう一度: 新しいリーダー</translation>
    </message>
    <message>
        <source>Lab ▸ Raft</source>
        <translation>ラボ ▸ Raft</translation>
    </message>
    <message>
        <source>No terminal is installed: x-terminal-emulator was not found. Install one (sudo apt install xterm, or your desktop&apos;s), or copy the commands into a terminal you have.</source>
        <translation>ターミナルがインストールされていません（x-terminal-emulator が見つかりません）。ターミナルをインストールする（sudo apt install xterm、またはお使いのデスクトップのもの）か、手元のターミナルにコマンドをコピーしてください。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>%1 did not start</source>
        <translation>%1 が起動しませんでした</translation>
    </message>
    <message>
        <source>The agent serves /ui/, which says how to open Qonsul&apos;s window on it</source>
        <translation>エージェントが /ui/ を返し、Qonsul のウィンドウをこのエージェントで開く方法を示しています</translation>
    </message>
    <message>
        <source>A second Qonsul window shows it</source>
        <translation>2 つ目の Qonsul ウィンドウがこのエージェントを表示しています</translation>
    </message>
    <message>
        <source>This window shows it</source>
        <translation>このウィンドウがこのエージェントを表示しています</translation>
    </message>
    <message>
        <source>No Qonsul window shows it yet: start the second window, or press Show in the App</source>
        <translation>まだどの Qonsul ウィンドウもこのエージェントを表示していません。2 つ目のウィンドウを起動するか、「アプリで表示」を押してください</translation>
    </message>
    <message>
        <source>The dev agent of step 2</source>
        <translation>ステップ 2 の dev エージェント</translation>
    </message>
    <message>
        <source>The dev agent of step 7</source>
        <translation>ステップ 7 の dev エージェント</translation>
    </message>
    <message>
        <source>Who leads (*)</source>
        <translation>リーダーはどれか（*）</translation>
    </message>
    <message>
        <source>Nothing came back. An intention that denies web → socat does that (after %1 it is what should happen). Otherwise both sidecars must run, and Consul hands web only a sidecar whose check passes, up to 10 s after it starts: run it again in a moment. The result below says which it is.</source>
        <translation>何も返ってきませんでした。web → socat を拒否するインテンションがあるとこうなります（%1 の後なら、これが期待どおりの結果です）。そうでなければ、両方のサイドカーが動いている必要があります。Consul が web に渡すのはチェックが passing のサイドカーだけで、起動から最大 10 秒かかります。少し待ってからもう一度実行してください。どちらなのかは下の結果に出ます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui</name>
    <message>
        <source>script: the agent runs a command; exit code 0 is passing, 1 warning, anything else critical</source>
        <translation>script: エージェントがコマンドを実行します。終了コード 0 は passing、1 は warning、それ以外は critical です</translation>
    </message>
    <message>
        <source>HTTP: the agent sends a request; a 2xx answer is passing, 429 warning, anything else (or no answer) critical</source>
        <translation>HTTP: エージェントがリクエストを送ります。2xx の応答は passing、429 は warning、それ以外（または応答なし）は critical です</translation>
    </message>
    <message>
        <source>TCP: the agent opens a connection; passing when it is accepted</source>
        <translation>TCP: エージェントが接続を開きます。接続が受け付けられれば passing です</translation>
    </message>
    <message>
        <source>TTL: the application reports its state through the HTTP API, and the check turns critical when no report arrives in time</source>
        <translation>TTL: アプリケーションが HTTP API で状態を報告します。期限内に報告がないと、チェックは critical になります</translation>
    </message>
    <message>
        <source>alias: mirrors the health of another service or node</source>
        <translation>alias: 別のサービスまたはノードの状態をそのまま反映します</translation>
    </message>
    <message>
        <source>gossip: the agent&apos;s membership in the cluster (Serf)</source>
        <translation>gossip: クラスターにおけるエージェントのメンバーシップ（Serf）</translation>
    </message>
    <message>
        <source>not in the catalog (a TTL check, or a check registered in the catalog directly: Consul&apos;s catalog does not say which)</source>
        <translation>カタログに記録なし（TTL チェック、またはカタログに直接登録されたチェック。Consul のカタログはどちらかを示しません）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2 was written; %3)</source>
        <translation>%1（記述は %2、%3）</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message>
        <source>in under 1 s</source>
        <translation>1 秒以内</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1後</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Node %1 is in maintenance mode, on purpose: every service on it is left out of DNS answers and of passing-only health queries until it ends. Reason: %2. End it with: qonsul maint -disable (on that node&apos;s agent)</source>
        <translation>ノード %1 は意図的にメンテナンスモードになっています。終了するまで、そのノード上のすべてのサービスは DNS の応答と passing のみのヘルスクエリから除外されます。理由: %2。終了するには（そのノードのエージェントで）qonsul maint -disable を実行してください</translation>
    </message>
    <message>
        <source>Service %1 on %2 is in maintenance mode, on purpose: it is left out of DNS answers and of passing-only health queries until it ends. Reason: %3. End it with: qonsul maint -disable -service=%1</source>
        <translation>ノード %2 上のサービス %1 は意図的にメンテナンスモードになっています。終了するまで、DNS の応答と passing のみのヘルスクエリから除外されます。理由: %3。終了するには qonsul maint -disable -service=%1 を実行してください</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>maintenance mode (not a probe: nothing runs)</source>
        <translation>メンテナンスモード（プローブではないため、何も実行されません）</translation>
    </message>
    <message>
        <source>Kept by</source>
        <translation>管理元</translation>
    </message>
    <message>
        <source>the servers: passing while the node&apos;s agent answers gossip, critical when it stops answering or leaves</source>
        <translation>サーバー: ノードのエージェントがゴシップに応答している間は passing、応答しなくなるか離脱すると critical</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>%1 (run without a shell)</source>
        <translation>%1（シェルを介さずに実行）</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Mirrors</source>
        <translation>反映元</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>サービス %1</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>ノード %1</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>the agent&apos;s minimum interval</source>
        <translation>エージェントの最小間隔</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>adjusted</source>
        <translation>調整済み</translation>
    </message>
    <message>
        <source>Deregistered</source>
        <translation>登録解除</translation>
    </message>
    <message>
        <source>after %1 critical (deregister_critical_service_after)</source>
        <translation>critical が %1 続いた後（deregister_critical_service_after）</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>実行場所</translation>
    </message>
    <message>
        <source>the agent of node %1. The agent this app talks to knows only what the catalog holds about it: last and next runs are not shown.</source>
        <translation>ノード %1 のエージェント。このアプリが通信しているエージェントは、カタログにある情報しか知らないため、前回と次回の実行は表示されません。</translation>
    </message>
    <message>
        <source>Defined in</source>
        <translation>定義場所</translation>
    </message>
    <message>
        <source>a configuration file</source>
        <translation>設定ファイル</translation>
    </message>
    <message>
        <source>Defined by</source>
        <translation>定義方法</translation>
    </message>
    <message>
        <source>the HTTP API (a register request)</source>
        <translation>HTTP API（登録リクエスト）</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最終報告</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>まだなし</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Ran out</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>まだ</translation>
    </message>
    <message>
        <source>running now (started %1)</source>
        <translation>実行中（開始: %1）</translation>
    </message>
    <message>
        <source>, took %1</source>
        <translation>、所要時間 %1</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>前回の実行</translation>
    </message>
    <message>
        <source>after the current run, plus the interval</source>
        <translation>現在の実行が終わってから、間隔の経過後</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>まもなく</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>次回の実行</translation>
    </message>
    <message>
        <source>an object is missing a &apos;,&apos; between its members or its closing &apos;}&apos;</source>
        <translation>オブジェクトのメンバー間に &apos;,&apos; がないか、閉じる &apos;}&apos; がありません</translation>
    </message>
    <message>
        <source>a &apos;:&apos; is missing after a member&apos;s name</source>
        <translation>メンバー名の後に &apos;:&apos; がありません</translation>
    </message>
    <message>
        <source>a &apos;,&apos; or a closing &apos;]&apos; is missing</source>
        <translation>&apos;,&apos; または閉じる &apos;]&apos; がありません</translation>
    </message>
    <message>
        <source>a &apos;,&apos; is missing between two values</source>
        <translation>2 つの値の間に &apos;,&apos; がありません</translation>
    </message>
    <message>
        <source>this is not a JSON value (text needs double quotes; true, false and null are lower case)</source>
        <translation>JSON の値ではありません（テキストはダブルクォートで囲みます。true、false、null は小文字です）</translation>
    </message>
    <message>
        <source>the text ends before the value is complete</source>
        <translation>値が完結する前にテキストが終わっています</translation>
    </message>
    <message>
        <source>a number is written wrongly</source>
        <translation>数値の書き方が正しくありません</translation>
    </message>
    <message>
        <source>a backslash starts an escape JSON does not have</source>
        <translation>JSON にないエスケープがバックスラッシュで始まっています</translation>
    </message>
    <message>
        <source>a string holds bytes that are not UTF-8</source>
        <translation>文字列に UTF-8 ではないバイトが含まれています</translation>
    </message>
    <message>
        <source>a string is missing its closing double quote</source>
        <translation>文字列を閉じるダブルクォートがありません</translation>
    </message>
    <message>
        <source>a member&apos;s name is missing (names are strings in double quotes; no &apos;,&apos; after the last member)</source>
        <translation>メンバー名がありません（名前はダブルクォートで囲んだ文字列です。最後のメンバーの後に &apos;,&apos; は付けません）</translation>
    </message>
    <message>
        <source>objects and arrays are nested too deeply</source>
        <translation>オブジェクトと配列の入れ子が深すぎます</translation>
    </message>
    <message>
        <source>the value is too large to check</source>
        <translation>値が大きすぎて検査できません</translation>
    </message>
    <message>
        <source>there is more after the value</source>
        <translation>値の後に余分な内容があります</translation>
    </message>
    <message>
        <source>this is not JSON</source>
        <translation>JSON ではありません</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>%1 行目、%2 列目</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::AgentConnection</name>
    <message>
        <source>No agent answers at %1, and this app runs none of its own</source>
        <translation>%1 で応答するエージェントがなく、このアプリも独自のエージェントを実行していません</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::AgentPage</name>
    <message>
        <source>Reload</source>
        <translation>リロード</translation>
    </message>
    <message>
        <source>Re-read the agent&apos;s configuration files (qonsul reload)</source>
        <translation>エージェントの設定ファイルを読み直す（qonsul reload）</translation>
    </message>
    <message>
        <source>Filter log lines</source>
        <translation>ログ行を絞り込む</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>エージェント</translation>
    </message>
    <message>
        <source>&lt;b&gt;Members&lt;/b&gt;</source>
        <translation>&lt;b&gt;メンバー&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Log&lt;/b&gt;</source>
        <translation>&lt;b&gt;ログ&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <source>Embedded dev agent</source>
        <translation>組み込み dev エージェント</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>A dev agent keeps its data in memory: Stop asks whether to keep the keys, services and checks registered through the API</source>
        <translation>dev エージェントはデータをメモリー上に保持します。「停止」を押すと、API で登録したキー、サービス、チェックを保持するかどうかを確認します</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Open in File Manager</source>
        <translation>ファイルマネージャーで開く</translation>
    </message>
    <message>
        <source>Put service definitions (JSON or HCL) there, then press Reload</source>
        <translation>ここにサービス定義（JSON または HCL）を置いてから、「リロード」を押してください</translation>
    </message>
    <message>
        <source>Refused (Consul&apos;s default)</source>
        <translation>拒否（Consul の既定）</translation>
    </message>
    <message>
        <source>Allowed in config files (enable_local_script_checks)</source>
        <translation>設定ファイルでのみ許可（enable_local_script_checks）</translation>
    </message>
    <message>
        <source>Allowed in config files and the HTTP API (enable_script_checks)</source>
        <translation>設定ファイルと HTTP API で許可（enable_script_checks）</translation>
    </message>
    <message>
        <source>&amp;Script checks:</source>
        <translation>スクリプトチェック(&amp;S):</translation>
    </message>
    <message>
        <source>Running: a dev agent, which keeps its data in memory (Stop and Restart offer to keep it)</source>
        <translation>実行中: データをメモリー上に保持する dev エージェントです（「停止」と「再起動」の際に保持するかを確認します）</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source> — kept for the next Start: %1</source>
        <translation> — 次回の起動用に保持: %1</translation>
    </message>
    <message>
        <source> — the app is attached to %1; its controls are for the embedded agent only (File ▸ Use Embedded Agent).</source>
        <translation> — アプリは %1 に接続しています。これらの操作は組み込みエージェント専用です（ファイル ▸ 組み込みエージェントを使用）。</translation>
    </message>
    <message>
        <source>No config dir.</source>
        <translation>設定ディレクトリがありません。</translation>
    </message>
    <message>
        <source>Config dir: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>設定ディレクトリ: &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>A script check runs a command on this machine. Consul refuses them unless told otherwise: with the HTTP API allowed, anyone who can reach the agent&apos;s port can run any program here (remote code execution). The tutorial&apos;s ping.json and web.json need config files only.</source>
        <translation>スクリプトチェックはこのマシン上でコマンドを実行します。Consul は明示的に許可しない限りこれを拒否します。HTTP API で許可すると、エージェントのポートに到達できる人なら誰でも、ここで任意のプログラムを実行できます（リモートコード実行）。チュートリアルの ping.json と web.json には、設定ファイルでの許可だけで十分です。</translation>
    </message>
    <message>
        <source> A flag or config file of this agent allows as much as shown.</source>
        <translation>このエージェントのフラグまたは設定ファイルにより、表示どおりの範囲まで許可されています。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Restart&lt;/b&gt; to apply %1. A dev agent keeps its data in memory: Restart offers to keep the keys, services and checks registered through the API.</source>
        <translation>%1を適用するには&lt;b&gt;再起動&lt;/b&gt;を押してください。dev エージェントはデータをメモリー上に保持します。再起動時には、API で登録したキー、サービス、チェックを保持するかどうかを確認します。</translation>
    </message>
    <message>
        <source>it</source>
        <translation>この変更</translation>
    </message>
    <message>
        <source>them</source>
        <translation>これらの変更</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>Start failed</source>
        <translation>起動に失敗しました</translation>
    </message>
    <message>
        <source>The embedded agent did not start: %1</source>
        <translation>組み込みエージェントが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>Fix what it names in the config dir, then press Start.</source>
        <translation>設定ディレクトリ内の指摘された箇所を修正してから、「起動」を押してください。</translation>
    </message>
    <message>
        <source>Stop the embedded agent</source>
        <translation>組み込みエージェントの停止</translation>
    </message>
    <message>
        <source>The embedded agent is a dev agent: it keeps its data in memory, and stopping it forgets %1 registered since it started.&lt;br&gt;&lt;br&gt;Keep them, to be registered again when you press Start? (They stay in this app&apos;s memory until then; quitting forgets them.)</source>
        <translation>組み込みエージェントは dev エージェントで、データをメモリー上に保持します。停止すると、起動後に登録された %1 は失われます。&lt;br&gt;&lt;br&gt;これらを保持して、「起動」を押したときに再登録しますか？（それまではこのアプリのメモリー上に残りますが、アプリを終了すると失われます。）</translation>
    </message>
    <message>
        <source>Keep for Next Start</source>
        <translation>次回の起動用に保持</translation>
    </message>
    <message>
        <source>Stop and Forget</source>
        <translation>停止して破棄</translation>
    </message>
    <message>
        <source>Restart the embedded agent</source>
        <translation>組み込みエージェントの再起動</translation>
    </message>
    <message>
        <source>The embedded agent is a dev agent: it keeps its data in memory, and a restart would forget %1 registered since it started.&lt;br&gt;&lt;br&gt;Keep them? The new agent registers them again (locks are released and checks start over).</source>
        <translation>組み込みエージェントは dev エージェントで、データをメモリー上に保持します。再起動すると、起動後に登録された %1 は失われます。&lt;br&gt;&lt;br&gt;保持しますか？ 新しいエージェントがこれらを再登録します（ロックは解放され、チェックは最初からやり直しになります）。</translation>
    </message>
    <message>
        <source>Keep Them</source>
        <translation>保持する</translation>
    </message>
    <message>
        <source>Restart and Forget</source>
        <translation>再起動して破棄</translation>
    </message>
    <message>
        <source>Streaming the log of %1 (GET /v1/agent/monitor).</source>
        <translation>%1 のログをストリーミングしています（GET /v1/agent/monitor）。</translation>
    </message>
    <message>
        <source>The log stream stopped: %1. Trying again in %2 s.</source>
        <translation>ログのストリームが停止しました: %1。%2 秒後に再試行します。</translation>
    </message>
    <message>
        <source>Could not read the members: %1</source>
        <translation>メンバーを読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>Reloading…</source>
        <translation>リロード中…</translation>
    </message>
    <message>
        <source>Configuration reload triggered</source>
        <translation>設定のリロードを開始しました</translation>
    </message>
    <message>
        <source>Reload failed</source>
        <translation>リロードに失敗しました</translation>
    </message>
    <message>
        <source>Reload failed: %1</source>
        <translation>リロードに失敗しました: %1</translation>
    </message>
    <message>
        <source>The agent keeps its previous configuration. Fix the file it names, then press Reload again.</source>
        <translation>エージェントは以前の設定のままです。指摘されたファイルを修正してから、もう一度「リロード」を押してください。</translation>
    </message>
    <message>
        <source>%1 only takes effect when the agent starts</source>
        <translation>%1 はエージェントの起動時にのみ反映されます</translation>
    </message>
    <message>
        <source>%1 only take effect when the agent starts</source>
        <translation>%1 はエージェントの起動時にのみ反映されます</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::CheckDetailsPane</name>
    <message>
        <source>Copy Output</source>
        <translation>出力をコピー</translation>
    </message>
    <message>
        <source>Select a check to see its whole output and how it runs.</source>
        <translation>チェックを選択すると、その出力全体と実行方法が表示されます。</translation>
    </message>
    <message>
        <source>No output.</source>
        <translation>出力はありません。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation>&lt;b&gt;出力&lt;/b&gt;</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>メンテナンス</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>ノード %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上の %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 (%3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 (%3)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::CheckListModel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>CheckID</source>
        <translation>CheckID</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>メンテナンス</translation>
    </message>
    <message>
        <source>(node check)</source>
        <translation>（ノードのチェック）</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ConnectDialog</name>
    <message>
        <source>Remember token</source>
        <translation>トークンを保存</translation>
    </message>
    <message>
        <source>Connect to Agent</source>
        <translation>エージェントに接続</translation>
    </message>
    <message>
        <source>The agent&apos;s HTTP API: host:port, or http(s)://host:port</source>
        <translation>エージェントの HTTP API: host:port または http(s)://host:port</translation>
    </message>
    <message>
        <source>none (anonymous)</source>
        <translation>なし（匿名）</translation>
    </message>
    <message>
        <source>Sent as X-Consul-Token with every request</source>
        <translation>すべてのリクエストで X-Consul-Token として送信されます</translation>
    </message>
    <message>
        <source>Keep the token in the app&apos;s settings file, in plain text, for this address</source>
        <translation>このアドレス用のトークンを、アプリの設定ファイルに平文で保存します</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>アドレス(&amp;A)</translation>
    </message>
    <message>
        <source>ACL &amp;token</source>
        <translation>ACL トークン(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Datacenter</source>
        <translation>データセンター(&amp;D)</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s (timeout). Is that the agent&apos;s HTTP address, and does a firewall let it through?</source>
        <translation>%2 秒以内に %1 から応答がありません（タイムアウト）。エージェントの HTTP アドレスで合っていますか？ ファイアウォールで遮断されていませんか？</translation>
    </message>
    <message>
        <source>Type the agent&apos;s HTTP address, e.g. 127.0.0.1:8500.</source>
        <translation>エージェントの HTTP アドレスを入力してください（例: 127.0.0.1:8500）。</translation>
    </message>
    <message>
        <source>That is not an address: %1</source>
        <translation>アドレスではありません: %1</translation>
    </message>
    <message>
        <source>Asking %1 for its datacenters…</source>
        <translation>%1 にデータセンターを問い合わせています…</translation>
    </message>
    <message>
        <source>Nothing listens at %1 (connection refused). Is the agent running, and is this its HTTP port (8500 unless configured)?</source>
        <translation>%1 で何も待ち受けていません（接続拒否）。エージェントは動いていますか？ また、これはその HTTP ポート（設定しない限り 8500）ですか？</translation>
    </message>
    <message>
        <source>The host of %1 is unknown (no such host).</source>
        <translation>%1 のホストが不明です（該当するホストがありません）。</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>%1 に到達できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 refused the token: %2</source>
        <translation>%1 がトークンを拒否しました: %2</translation>
    </message>
    <message>
        <source>%1 answered, but not as a Consul agent does (HTTP %2 for /v1/catalog/datacenters). Is this the agent&apos;s HTTP API port?</source>
        <translation>%1 は応答しましたが、Consul エージェントの応答とは異なります（/v1/catalog/datacenters に対して HTTP %2）。エージェントの HTTP API のポートですか？</translation>
    </message>
    <message>
        <source>Found an agent with datacenter %1.</source>
        <translation>データセンター %1 のエージェントが見つかりました。</translation>
    </message>
    <message numerus="yes">
        <source>Found an agent; it knows %n datacenter(s).</source>
        <translation>
            <numerusform>エージェントが見つかりました。%n 個のデータセンターを認識しています。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ConnectionStatus</name>
    <message>
        <source>Looking for an agent at %1…</source>
        <translation>%1 でエージェントを探しています…</translation>
    </message>
    <message>
        <source>No agent: %1</source>
        <translation>エージェントなし: %1</translation>
    </message>
    <message>
        <source>Embedded dev agent at %1 — stopped (start it on the Agent page)</source>
        <translation>%1 の組み込み dev エージェント — 停止中（エージェントページで起動してください）</translation>
    </message>
    <message>
        <source>leader ?</source>
        <translation>リーダー ?</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>リーダーなし</translation>
    </message>
    <message>
        <source>leader %1</source>
        <translation>リーダー %1</translation>
    </message>
    <message>
        <source>node %1, %2, dc %3</source>
        <translation>ノード %1、%2、dc %3</translation>
    </message>
    <message>
        <source>Embedded dev agent at %1 — %2</source>
        <translation>%1 の組み込み dev エージェント — %2</translation>
    </message>
    <message>
        <source>Attached to %1 — %2</source>
        <translation>%1 に接続中 — %2</translation>
    </message>
    <message>
        <source>Embedded dev agent at %1 — does not answer</source>
        <translation>%1 の組み込み dev エージェント — 応答がありません</translation>
    </message>
    <message>
        <source>Attached to %1 — no agent answers there now</source>
        <translation>%1 に接続 — 今そこで応答するエージェントはありません</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::DnsAnswerView</name>
    <message>
        <source>Sections</source>
        <translation>セクション</translation>
    </message>
    <message>
        <source>dig output</source>
        <translation>dig の出力</translation>
    </message>
    <message>
        <source>Wire bytes</source>
        <translation>バイト列</translation>
    </message>
    <message>
        <source>&lt;b&gt;The reply does not decode.&lt;/b&gt;</source>
        <translation>&lt;b&gt;応答をデコードできません。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1, %2, %3 &amp;nbsp;·&amp;nbsp; %4 ms &amp;nbsp;·&amp;nbsp; %5 octets &amp;nbsp;·&amp;nbsp; %6 over %7</source>
        <translation>%1, %2, %3 &amp;nbsp;·&amp;nbsp; %4 ms &amp;nbsp;·&amp;nbsp; %5 オクテット &amp;nbsp;·&amp;nbsp; %6（%7）</translation>
    </message>
    <message>
        <source>; query, %1 octets
%2
; reply, %3 octets
%4</source>
        <translation>; 問い合わせ、%1 オクテット
%2
; 応答、%3 オクテット
%4</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background-color:%1; color:%2; font-weight:bold&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;%4</source>
        <translation>&lt;span style=&apos;background-color:%1; color:%2; font-weight:bold&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;%4</translation>
    </message>
    <message>
        <source>no EDNS</source>
        <translation>EDNS なし</translation>
    </message>
    <message>
        <source>EDNS udp %1</source>
        <translation>EDNS udp %1</translation>
    </message>
    <message>
        <source>&lt;tt&gt;id&amp;nbsp;&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; opcode&amp;nbsp;&lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; status&amp;nbsp;&lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; flags&amp;nbsp;%4 &amp;nbsp;·&amp;nbsp; %5&lt;/tt&gt;</source>
        <translation>&lt;tt&gt;id&amp;nbsp;&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; opcode&amp;nbsp;&lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; status&amp;nbsp;&lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; flags&amp;nbsp;%4 &amp;nbsp;·&amp;nbsp; %5&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Asking the agent&apos;s HTTP API what this answer left out…&lt;/i&gt;</source>
        <translation>&lt;i&gt;この応答で省かれたものを、エージェントの HTTP API に問い合わせています…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Nothing to explain for this name.&lt;/i&gt;</source>
        <translation>&lt;i&gt;この名前について説明することはありません。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why this answer&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;この応答になった理由&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;See its output and how it runs: %1</source>
        <translation>&lt;br&gt;出力と実行方法を見る: %1</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::DnsHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>タイプ</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>経由</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::DnsMessageModel</name>
    <message>
        <source>QUESTION SECTION</source>
        <translation>QUESTION SECTION</translation>
    </message>
    <message>
        <source>ANSWER SECTION</source>
        <translation>ANSWER SECTION</translation>
    </message>
    <message>
        <source>AUTHORITY SECTION</source>
        <translation>AUTHORITY SECTION</translation>
    </message>
    <message>
        <source>ADDITIONAL SECTION</source>
        <translation>ADDITIONAL SECTION</translation>
    </message>
    <message>
        <source>%1  (1 record)</source>
        <translation>%1  (1 レコード)</translation>
    </message>
    <message>
        <source>%1  (%2 records)</source>
        <translation>%1  (%2 レコード)</translation>
    </message>
    <message>
        <source>Seconds a resolver may cache this record (Consul&apos;s default is 0: ask again every time).</source>
        <translation>リゾルバーがこのレコードをキャッシュできる秒数（Consul の既定は 0 で、毎回問い合わせ直します）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>タイプ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::DnsPage</name>
    <message>
        <source>EDNS</source>
        <translation>EDNS</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>問い合わせ</translation>
    </message>
    <message>
        <source>Copy as dig command</source>
        <translation>dig コマンドとしてコピー</translation>
    </message>
    <message>
        <source>web.service.consul</source>
        <translation>web.service.consul</translation>
    </message>
    <message>
        <source>The name to ask for: web.service.consul, rails.web.service.consul, _web._tcp.service.consul, machine.node.consul, or an IP address with PTR.</source>
        <translation>問い合わせる名前: web.service.consul、rails.web.service.consul、_web._tcp.service.consul、machine.node.consul、または PTR で引く IP アドレス。</translation>
    </message>
    <message>
        <source>The DNS server to ask, host:port. It starts as the agent&apos;s DNS address; edit it to ask another server.</source>
        <translation>問い合わせ先の DNS サーバー（host:port）。初期値はエージェントの DNS アドレスです。別のサーバーに問い合わせるには編集してください。</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>Send an EDNS0 OPT record advertising 1232 octets, as dig does. Without it Consul cuts UDP answers to 3 records.</source>
        <translation>dig と同様に、1232 オクテットを通知する EDNS0 OPT レコードを送ります。これがないと、Consul は UDP の応答を 3 レコードに切り詰めます。</translation>
    </message>
    <message>
        <source>Ask (Enter)</source>
        <translation>問い合わせ（Enter）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>The same question from a terminal</source>
        <translation>ターミナルから同じ問い合わせをする場合</translation>
    </message>
    <message>
        <source>Ask Consul&apos;s DNS a question</source>
        <translation>Consul の DNS に問い合わせる</translation>
    </message>
    <message>
        <source>Every service and node in the catalog has a DNS name. Try one of these, or type a name above and press &lt;b&gt;Enter&lt;/b&gt;.&lt;br&gt;The reply shows up here as dig prints it, section by section, with what it left out and why.</source>
        <translation>カタログ内のすべてのサービスとノードには DNS 名があります。以下のいずれかを試すか、上に名前を入力して &lt;b&gt;Enter&lt;/b&gt; を押してください。&lt;br&gt;応答は dig の表示と同じくセクションごとにここに表示され、省かれたものとその理由も示されます。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;履歴&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click a question to see its reply again; double-click to ask it again.</source>
        <translation>問い合わせをクリックすると応答を再表示し、ダブルクリックすると再度問い合わせます。</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>The agent did not say where its DNS listens (%1); this is a guess. Edit it if it is wrong.</source>
        <translation>エージェントが DNS の待ち受け先を示しませんでした（%1）。これは推測です。間違っていれば編集してください。</translation>
    </message>
    <message>
        <source>The agent&apos;s DNS interface is off (DNS port -1).</source>
        <translation>エージェントの DNS インターフェースは無効です（DNS ポート -1）。</translation>
    </message>
    <message>
        <source>Start the agent without &lt;code&gt;-dns-port=-1&lt;/code&gt;, or ask another server.</source>
        <translation>&lt;code&gt;-dns-port=-1&lt;/code&gt; を付けずにエージェントを起動するか、別のサーバーに問い合わせてください。</translation>
    </message>
    <message>
        <source>(the server field needs host:port)</source>
        <translation>（サーバー欄には host:port が必要です）</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>There is no name to ask for.</source>
        <translation>問い合わせる名前がありません。</translation>
    </message>
    <message>
        <source>Type one, such as &lt;code&gt;web.service.consul&lt;/code&gt;, or pick an example below.</source>
        <translation>&lt;code&gt;web.service.consul&lt;/code&gt; などを入力するか、下の例から選んでください。</translation>
    </message>
    <message>
        <source>Asking…</source>
        <translation>問い合わせ中…</translation>
    </message>
    <message>
        <source>Could not ask the HTTP API about %1: %2</source>
        <translation>%1 について HTTP API に問い合わせられませんでした: %2</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Enter&lt;/b&gt; to ask again.</source>
        <translation>&lt;b&gt;Enter&lt;/b&gt; を押すと再度問い合わせます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::FirstServiceHint</name>
    <message>
        <source>Write the Tutorial&apos;s web.json</source>
        <translation>チュートリアルの web.json を書き込む</translation>
    </message>
    <message>
        <source>Writes %1 and reloads the agent</source>
        <translation>%1 を書き込み、エージェントをリロードします</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step: a service of your own.&lt;/b&gt; Register one from a terminal: &lt;code&gt;qonsul services register -name web -port 80&lt;/code&gt;; it shows up here at once.</source>
        <translation>&lt;b&gt;次のステップ: 自分のサービスを登録しましょう。&lt;/b&gt;ターミナルから登録します: &lt;code&gt;qonsul services register -name web -port 80&lt;/code&gt;。すぐにここに表示されます。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step: a service of your own.&lt;/b&gt; Drop a service definition into &lt;code&gt;%1&lt;/code&gt; and press &lt;b&gt;Reload&lt;/b&gt; on the Agent page, as the tutorial&apos;s step 3 does with &lt;code&gt;web.json&lt;/code&gt;.</source>
        <translation>&lt;b&gt;次のステップ: 自分のサービスを登録しましょう。&lt;/b&gt;チュートリアルのステップ 3 で &lt;code&gt;web.json&lt;/code&gt; を使うのと同じように、&lt;code&gt;%1&lt;/code&gt; にサービス定義を置き、エージェントページで&lt;b&gt;リロード&lt;/b&gt;を押してください。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::GossipPane</name>
    <message>
        <source>Start Simulation</source>
        <translation>シミュレーション開始</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>強制終了</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Split in Two</source>
        <translation>2 つに分断</translation>
    </message>
    <message>
        <source>Heal</source>
        <translation>修復</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>What to show</source>
        <translation>表示対象</translation>
    </message>
    <message>
        <source>This lab&apos;s agents</source>
        <translation>このラボのエージェント</translation>
    </message>
    <message>
        <source>A simulated pool</source>
        <translation>シミュレーションのプール</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source> members</source>
        <translation> メンバー</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>シード </translation>
    </message>
    <message>
        <source>The same seed runs the same pool: the same probes, the same news</source>
        <translation>同じシードなら同じプールが再現されます。プローブもニュースも同じです</translation>
    </message>
    <message>
        <source>Run a pool of simulated members here, each a full SWIM member of Qonsul&apos;s gossip core, at LAN timings</source>
        <translation>シミュレーションのメンバーのプールをここで実行します。各メンバーは Qonsul のゴシップコアによる完全な SWIM メンバーで、LAN 用のタイミングで動作します</translation>
    </message>
    <message>
        <source>Kill the selected member (click one in the picture): watch the others probe it, suspect it and declare it failed</source>
        <translation>選択したメンバー（図の中でクリック）を強制終了します。他のメンバーがそれをプローブし、疑い、障害と判定する様子を観察できます</translation>
    </message>
    <message>
        <source>Start the selected member again: it joins, and the news spreads</source>
        <translation>選択したメンバーを再び起動します。メンバーが参加し、そのニュースが広がります</translation>
    </message>
    <message>
        <source>Cut the members in two halves that cannot reach each other</source>
        <translation>メンバーを、互いに到達できない 2 つのグループに分けます</translation>
    </message>
    <message>
        <source>Remove the cut (and in a lab, latency and loss)</source>
        <translation>分断を解消します（ラボでは遅延と損失も）</translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation>パケット損失</translation>
    </message>
    <message>
        <source> % loss</source>
        <translation> % 損失</translation>
    </message>
    <message>
        <source>The share of UDP packets the simulated network drops</source>
        <translation>シミュレーションのネットワークが破棄する UDP パケットの割合</translation>
    </message>
    <message>
        <source>Follow what happens now</source>
        <translation>現在の状況を追う</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>再生速度</translation>
    </message>
    <message>
        <source>News to follow</source>
        <translation>追うニュース</translation>
    </message>
    <message>
        <source>Pick a piece of news to replay it spreading from its start</source>
        <translation>ニュースを選ぶと、発生時点から広がる様子を再生します</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Break it:</source>
        <translation>壊す:</translation>
    </message>
    <message>
        <source>News:</source>
        <translation>ニュース:</translation>
    </message>
    <message>
        <source>%1 members start one after another, each joining through n0: watch the news of each join spread. Then click a member and Kill it.</source>
        <translation>%1 個のメンバーが順に起動し、それぞれ n0 を通じて参加します。各参加のニュースが広がる様子を観察してください。その後、メンバーをクリックして強制終了してみましょう。</translation>
    </message>
    <message>
        <source>The newest, live</source>
        <translation>最新（ライブ）</translation>
    </message>
    <message>
        <source>%1  %2 %3</source>
        <translation>%1  %2 %3</translation>
    </message>
    <message>
        <source>Kill %1</source>
        <translation>%1 を強制終了</translation>
    </message>
    <message>
        <source>Restart %1</source>
        <translation>%1 を再起動</translation>
    </message>
    <message>
        <source>Start the simulation first.</source>
        <translation>先にシミュレーションを開始してください。</translation>
    </message>
    <message>
        <source>Click a member in the picture first.</source>
        <translation>先に図の中のメンバーをクリックしてください。</translation>
    </message>
    <message>
        <source>Watch: probes to %1 go unanswered (red), the prober asks others to try (amber), then suspects it; the suspicion spreads, and when nobody hears from %1 in time it is declared failed, and that news spreads.</source>
        <translation>観察ポイント: %1 へのプローブに応答がなく（赤）、プローブした側が他のメンバーに代わりの試行を依頼し（琥珀色）、やがてそのメンバーを疑います。疑いが広がり、期限内に誰も %1 から応答を得られないと障害と判定され、そのニュースが広がります。</translation>
    </message>
    <message>
        <source>Watch: %1 joins again and the news of it spreads; had it only been slow, it would refute the suspicion with a higher incarnation (a green flash).</source>
        <translation>観察ポイント: %1 が再び参加し、そのニュースが広がります。単に遅かっただけなら、より大きいインカーネーション番号で疑いに反論します（緑の点滅）。</translation>
    </message>
    <message>
        <source>A split needs two nodes at least.</source>
        <translation>分断には少なくとも 2 つのノードが必要です。</translation>
    </message>
    <message>
        <source>Watch: each half suspects the other and declares it failed. After Heal, the halves find each other when a member retries a failed one (serf does every 30 s, so allow up to half a minute).</source>
        <translation>観察ポイント: それぞれのグループが相手側を疑い、障害と判定します。修復後、メンバーが障害と判定したメンバーへの再接続を試みたときに、両グループは互いを見つけます（serf は 30 秒ごとに試みるので、最大 30 秒ほど待ってください）。</translation>
    </message>
    <message>
        <source>Healed: every member can reach every other again.</source>
        <translation>修復しました。すべてのメンバーが再び互いに到達できます。</translation>
    </message>
    <message>
        <source>%1 simulated · pace %2×</source>
        <translation>シミュレーション時間 %1 · 速度 %2×</translation>
    </message>
    <message>
        <source>Start a simulated pool: pick its size and press Start.</source>
        <translation>シミュレーションのプールを開始するには、サイズを選んで「シミュレーション開始」を押してください。</translation>
    </message>
    <message>
        <source>No gossip recorded yet: start a lab, or show a simulated pool.</source>
        <translation>ゴシップの記録はまだありません。ラボを開始するか、シミュレーションのプールを表示してください。</translation>
    </message>
    <message>
        <source>live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>at %1, %2×</source>
        <translation>%1 時点、%2×</translation>
    </message>
    <message>
        <source>%1 s ago, %2×</source>
        <translation>%1 秒前、%2×</translation>
    </message>
    <message>
        <source>%1 · %2 members, %3 up</source>
        <translation>%1 · メンバー %2、稼働 %3</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::GossipView</name>
    <message>
        <source>Gossip</source>
        <translation>ゴシップ</translation>
    </message>
    <message>
        <source>alive</source>
        <translation>生存</translation>
    </message>
    <message>
        <source>suspected</source>
        <translation>疑い</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>障害</translation>
    </message>
    <message>
        <source>left</source>
        <translation>離脱</translation>
    </message>
    <message>
        <source>process down</source>
        <translation>プロセス停止</translation>
    </message>
    <message>
        <source>knows the news</source>
        <translation>ニュースを把握</translation>
    </message>
    <message>
        <source>probe acked</source>
        <translation>プローブ応答あり</translation>
    </message>
    <message>
        <source>acked via others</source>
        <translation>他経由で応答</translation>
    </message>
    <message>
        <source>probe unanswered</source>
        <translation>プローブ応答なし</translation>
    </message>
    <message>
        <source>ring: suspected by</source>
        <translation>リング: 疑っている数</translation>
    </message>
    <message>
        <source>news reached</source>
        <translation>ニュース到達</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>down</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>suspected by %1</source>
        <translation>%1 が疑い中</translation>
    </message>
    <message>
        <source>failed for %1</source>
        <translation>%1 が障害と判定</translation>
    </message>
    <message>
        <source>News: %1</source>
        <translation>ニュース: %1</translation>
    </message>
    <message>
        <source>No news yet</source>
        <translation>ニュースはまだありません</translation>
    </message>
    <message>
        <source>0 s</source>
        <translation>0 秒</translation>
    </message>
    <message>
        <source>all %1 knew it in %2</source>
        <translation>%2 で全 %1 個に伝達</translation>
    </message>
    <message>
        <source>%1 of %2 know it</source>
        <translation>%2 個中 %1 個が把握</translation>
    </message>
    <message>
        <source>model: 99.99 % in %1</source>
        <translation>モデル: %1 で 99.99 %</translation>
    </message>
    <message>
        <source>probes in the last moment: %1 acked, %2 via others, %3 unanswered</source>
        <translation>直近のプローブ: 応答 %1、他経由 %2、応答なし %3</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::IntentionEditor</name>
    <message>
        <source>&amp;Allow</source>
        <translation>許可(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>拒否(&amp;D)</translation>
    </message>
    <message>
        <source>New Intention</source>
        <translation>新しいインテンション</translation>
    </message>
    <message>
        <source>Edit Intention</source>
        <translation>インテンションの編集</translation>
    </message>
    <message>
        <source>&amp;Source service:</source>
        <translation>送信元サービス(&amp;S):</translation>
    </message>
    <message>
        <source>D&amp;estination service:</source>
        <translation>宛先サービス(&amp;E):</translation>
    </message>
    <message>
        <source>Should this source connect to the destination?</source>
        <translation>この送信元から宛先への接続を許可しますか？</translation>
    </message>
    <message>
        <source>Des&amp;cription:</source>
        <translation>説明(&amp;C):</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::IntentionsPage</name>
    <message>
        <source>Intentions</source>
        <translation>インテンション</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Search by source or destination</source>
        <translation>送信元または宛先で検索</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>一覧(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Topology</source>
        <translation>トポロジー(&amp;T)</translation>
    </message>
    <message>
        <source>Intentions are part of Connect: start the agent with -dev, or with {&quot;connect&quot;: {&quot;enabled&quot;: true}} in a config file.</source>
        <translation>インテンションは Connect の機能です。-dev を付けるか、設定ファイルに {&quot;connect&quot;: {&quot;enabled&quot;: true}} を書いてエージェントを起動してください。</translation>
    </message>
    <message>
        <source>The page tries again by itself.</source>
        <translation>このページは自動的に再試行します。</translation>
    </message>
    <message>
        <source>The intention was not saved: %1</source>
        <translation>インテンションを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>An intention from the same source to the same destination may exist already: edit that one.</source>
        <translation>同じ送信元から同じ宛先へのインテンションがすでに存在する可能性があります。そちらを編集してください。</translation>
    </message>
    <message>
        <source>Delete Intention</source>
        <translation>インテンションの削除</translation>
    </message>
    <message>
        <source>Delete the intention &lt;b&gt;%1&lt;/b&gt;? Connections it decided are then decided by the next intention that matches, or by the default.</source>
        <translation>インテンション &lt;b&gt;%1&lt;/b&gt; を削除しますか？ これまでこのインテンションで判定されていた接続は、次に一致するインテンションか既定の設定によって判定されます。</translation>
    </message>
    <message>
        <source>The intention was not deleted: %1</source>
        <translation>インテンションを削除できませんでした: %1</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvBreadcrumbs</name>
    <message>
        <source>Key / Value</source>
        <translation>キー / バリュー</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvConflictDialog</name>
    <message>
        <source>%1 changed while you were editing</source>
        <translation>編集中に %1 が変更されました</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was deleted on the agent after you opened it. Save yours to create it again, or drop your changes.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; は、開いた後にエージェント上で削除されました。保存して作り直すか、変更を破棄してください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was changed on the agent (now at ModifyIndex %2) after you opened it, so your save was refused (check-and-set). Choose which value to keep.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; は開いた後にエージェント上で変更された（現在の ModifyIndex は %2）ため、保存が拒否されました（check-and-set）。どちらの値を残すか選んでください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Yours&lt;/b&gt;</source>
        <translation>&lt;b&gt;あなたの値&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;On the agent&lt;/b&gt; (deleted)</source>
        <translation>&lt;b&gt;エージェント上の値&lt;/b&gt;（削除済み）</translation>
    </message>
    <message>
        <source>&lt;b&gt;On the agent&lt;/b&gt;</source>
        <translation>&lt;b&gt;エージェント上の値&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Save mine</source>
        <translation>自分の値を保存</translation>
    </message>
    <message>
        <source>Drop mine</source>
        <translation>自分の変更を破棄</translation>
    </message>
    <message>
        <source>Use theirs</source>
        <translation>エージェントの値を使用</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>編集を続ける</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvEditor</name>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>Format JSON</source>
        <translation>JSON を整形</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Copy…</source>
        <translation>コピー…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前の変更…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Key or folder (end with / to make a folder)</source>
        <translation>キーまたはフォルダー（/ で終えるとフォルダーになります）</translation>
    </message>
    <message>
        <source>Show (and edit) the value as base64, e.g. for binary data</source>
        <translation>値を base64 で表示（および編集）します。バイナリデータなどに使います</translation>
    </message>
    <message>
        <source>A number from 0 to 2^64-1 that clients may use as they like</source>
        <translation>0 から 2^64-1 までの数値。クライアントが自由に使えます</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source>Read-only. Press &lt;b&gt;Edit&lt;/b&gt; to change the value or the flags.</source>
        <translation>読み取り専用です。値やフラグを変更するには&lt;b&gt;編集&lt;/b&gt;を押してください。</translation>
    </message>
    <message>
        <source>Editing %1</source>
        <translation>%1 を編集中</translation>
    </message>
    <message>
        <source>&lt;b&gt;Save&lt;/b&gt; writes with check-and-set, so a change made meanwhile is never overwritten unseen. &lt;b&gt;Cancel&lt;/b&gt; drops your changes.</source>
        <translation>&lt;b&gt;保存&lt;/b&gt;は check-and-set で書き込むため、その間に行われた変更が気付かないうちに上書きされることはありません。&lt;b&gt;キャンセル&lt;/b&gt;で変更を破棄します。</translation>
    </message>
    <message>
        <source>New key or folder</source>
        <translation>新しいキーまたはフォルダー</translation>
    </message>
    <message>
        <source>New key or folder in %1</source>
        <translation>%1 内の新しいキーまたはフォルダー</translation>
    </message>
    <message>
        <source>A key ending in &lt;code&gt;/&lt;/code&gt; is a folder. Saving creates the key only if it does not exist yet.</source>
        <translation>&lt;code&gt;/&lt;/code&gt; で終わるキーはフォルダーです。保存すると、キーがまだ存在しない場合にのみ作成されます。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>This key was deleted on the agent.</source>
        <translation>このキーはエージェント上で削除されました。</translation>
    </message>
    <message>
        <source>This key does not exist (any more).</source>
        <translation>このキーは（もう）存在しません。</translation>
    </message>
    <message>
        <source>Changed on the agent since you started editing (ModifyIndex %1). Saving will ask which version to keep.</source>
        <translation>編集開始後にエージェント上で変更されました（ModifyIndex %1）。保存時に、どちらのバージョンを残すかを確認します。</translation>
    </message>
    <message>
        <source>The value is not valid base64 (%1).</source>
        <translation>値が有効な base64 ではありません（%1）。</translation>
    </message>
    <message>
        <source>Fix it to switch back to text.</source>
        <translation>テキスト表示に戻すには修正してください。</translation>
    </message>
    <message>
        <source>This value is binary, not text; it can only be edited as base64.</source>
        <translation>この値はテキストではなくバイナリのため、base64 としてのみ編集できます。</translation>
    </message>
    <message>
        <source>%1  ·  CreateIndex %2  ·  ModifyIndex %3  ·  LockIndex %4  ·  Session: %5</source>
        <translation>%1  ·  CreateIndex %2  ·  ModifyIndex %3  ·  LockIndex %4  ·  Session: %5</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 バイト</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Flags must be a whole number from 0 to 18446744073709551615.</source>
        <translation>フラグは 0 から 18446744073709551615 までの整数で指定してください。</translation>
    </message>
    <message>
        <source>Give the key a name first (end it with / to make a folder).</source>
        <translation>先にキーの名前を入力してください（/ で終えるとフォルダーになります）。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 を保存できませんでした: %2</translation>
    </message>
    <message>
        <source>Created folder %1.</source>
        <translation>フォルダー %1 を作成しました。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>Someone else changed %1 first; choose which value to keep.</source>
        <translation>先に他の誰かが %1 を変更しました。どちらの値を残すか選んでください。</translation>
    </message>
    <message>
        <source>Showing the agent&apos;s value.</source>
        <translation>エージェント上の値を表示しています。</translation>
    </message>
    <message>
        <source>Not saved. Your changes are still here.</source>
        <translation>保存されていません。変更内容はそのまま残っています。</translation>
    </message>
    <message>
        <source>Shown as base64</source>
        <translation>base64 で表示中</translation>
    </message>
    <message>
        <source>Empty value</source>
        <translation>空の値</translation>
    </message>
    <message>
        <source>✓ Valid JSON</source>
        <translation>✓ 有効な JSON</translation>
    </message>
    <message>
        <source>Plain text (not JSON)</source>
        <translation>プレーンテキスト（JSON ではありません）</translation>
    </message>
    <message>
        <source>Not JSON: %1. Saved as plain text.</source>
        <translation>JSON ではありません: %1。プレーンテキストとして保存されます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvListModel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvOperations</name>
    <message>
        <source>the root</source>
        <translation>ルート</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… ほか %1 件</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>フォルダー名の変更</translation>
    </message>
    <message>
        <source>Rename key</source>
        <translation>キー名の変更</translation>
    </message>
    <message>
        <source>Copy folder</source>
        <translation>フォルダーのコピー</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>キーのコピー</translation>
    </message>
    <message>
        <source>Rename %1 to:</source>
        <translation>%1 の新しい名前:</translation>
    </message>
    <message>
        <source>Copy %1 to:</source>
        <translation>%1 のコピー先:</translation>
    </message>
    <message>
        <source>Everything in the folder goes along.</source>
        <translation>フォルダー内のものもすべて対象になります。</translation>
    </message>
    <message>
        <source>End with / to put it into a folder under the same name.</source>
        <translation>/ で終えると、同じ名前のままそのフォルダーの中に入れます。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Cannot copy %1: %2</source>
        <translation>%1 をコピーできません: %2</translation>
    </message>
    <message>
        <source>Copying %1 to %2…</source>
        <translation>%1 を %2 にコピー中…</translation>
    </message>
    <message>
        <source>Cannot rename %1: %2</source>
        <translation>%1 の名前を変更できません: %2</translation>
    </message>
    <message>
        <source>Renaming %1 to %2…</source>
        <translation>%1 を %2 に名前変更中…</translation>
    </message>
    <message>
        <source>Another copy, rename or import is still running; try again when it is done.</source>
        <translation>別のコピー、名前の変更、インポートがまだ実行中です。完了してから再試行してください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Overwrite keys?</source>
        <translation>キーを上書きしますか？</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 はすでに存在します。</translation>
    </message>
    <message>
        <source>%1 of these keys exist already.</source>
        <translation>これらのキーのうち %1 個はすでに存在します。</translation>
    </message>
    <message>
        <source>Overwrite them with the new values? Nothing has been written yet.</source>
        <translation>新しい値で上書きしますか？ まだ何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>上書き</translation>
    </message>
    <message>
        <source>Export every key</source>
        <translation>すべてのキーをエクスポート</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 をエクスポート</translation>
    </message>
    <message>
        <source>KV export (*.json)</source>
        <translation>KV エクスポート (*.json)</translation>
    </message>
    <message>
        <source>Import into %1</source>
        <translation>%1 にインポート</translation>
    </message>
    <message>
        <source>Any file (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not read %1 to export it: %2</source>
        <translation>エクスポートする %1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Exported %1 under %2 to %3.</source>
        <translation>%2 以下の %1 を %3 にエクスポートしました。</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 個のキー</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 個のキー</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 をインポートできませんでした: %2</translation>
    </message>
    <message>
        <source>%1 holds no keys; nothing to import.</source>
        <translation>%1 にはキーがないため、インポートするものはありません。</translation>
    </message>
    <message>
        <source>Importing %1 into %2…</source>
        <translation>%1 を %2 にインポート中…</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvPage</name>
    <message>
        <source>Folders</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>ツリー</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Loading keys…</source>
        <translation>キーを読み込み中…</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>何も選択されていません</translation>
    </message>
    <message>
        <source>Select a key to see its value, open a folder with a double click, or press &lt;b&gt;Create&lt;/b&gt;.</source>
        <translation>キーを選択すると値が表示されます。フォルダーはダブルクリックで開きます。&lt;b&gt;作成&lt;/b&gt;を押して追加することもできます。</translation>
    </message>
    <message>
        <source>The keys and folders in this folder</source>
        <translation>このフォルダー内のキーとフォルダー</translation>
    </message>
    <message>
        <source>Everything under this folder as a tree</source>
        <translation>このフォルダー以下のすべてをツリーで表示</translation>
    </message>
    <message>
        <source>More</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Key / Value</source>
        <translation>キー / バリュー</translation>
    </message>
    <message>
        <source>Could not search %1: %2</source>
        <translation>%1 を検索できませんでした: %2</translation>
    </message>
    <message>
        <source>the keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Search all keys and values</source>
        <translation>すべてのキーと値を検索</translation>
    </message>
    <message>
        <source>Search keys and values under %1</source>
        <translation>%1 以下のキーと値を検索</translation>
    </message>
    <message>
        <source>Could not list %1: %2</source>
        <translation>%1 の一覧を取得できませんでした: %2</translation>
    </message>
    <message>
        <source>the whole store</source>
        <translation>ストア全体</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 件一致</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 件一致</translation>
    </message>
    <message>
        <source>%1 among %2 keys in %3; showing the first %4. Type more to narrow it down.</source>
        <translation>%3 の %2 個のキーのうち %1。最初の %4 件を表示しています。さらに入力して絞り込んでください。</translation>
    </message>
    <message>
        <source>%1 among %2 keys in %3.</source>
        <translation>%3 の %2 個のキーのうち %1。</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>一致するものはありません。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>No key under %1 has “%2” in its path or value.</source>
        <translation>%1 以下に、パスまたは値に「%2」を含むキーはありません。</translation>
    </message>
    <message>
        <source>the root</source>
        <translation>ルート</translation>
    </message>
    <message>
        <source>There are no keys yet.</source>
        <translation>キーはまだありません。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Create&lt;/b&gt;, or from a terminal:&lt;br&gt;&lt;code&gt;qonsul kv put redis/config/minconns 1&lt;/code&gt;&lt;br&gt;Keys with slashes show up here as folders.</source>
        <translation>&lt;b&gt;作成&lt;/b&gt;を押すか、ターミナルから次を実行してください:&lt;br&gt;&lt;code&gt;qonsul kv put redis/config/minconns 1&lt;/code&gt;&lt;br&gt;スラッシュを含むキーは、ここではフォルダーとして表示されます。</translation>
    </message>
    <message>
        <source>This folder is empty.</source>
        <translation>このフォルダーは空です。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Create&lt;/b&gt; to add a key to %1, or go back with the path above.</source>
        <translation>&lt;b&gt;作成&lt;/b&gt;を押して %1 にキーを追加するか、上のパスから戻ってください。</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 を開く</translation>
    </message>
    <message>
        <source>Copy %1…</source>
        <translation>%1 をコピー…</translation>
    </message>
    <message>
        <source>Rename %1…</source>
        <translation>%1 の名前を変更…</translation>
    </message>
    <message>
        <source>Delete %1…</source>
        <translation>%1 を削除…</translation>
    </message>
    <message>
        <source>Export %1…</source>
        <translation>%1 をエクスポート…</translation>
    </message>
    <message>
        <source>Export all keys…</source>
        <translation>すべてのキーをエクスポート…</translation>
    </message>
    <message>
        <source>Export this folder…</source>
        <translation>このフォルダーをエクスポート…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Import into this folder…</source>
        <translation>このフォルダーにインポート…</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>フォルダーの削除</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>キーの削除</translation>
    </message>
    <message>
        <source>Delete the folder %1 and every key under it?</source>
        <translation>フォルダー %1 とその下のすべてのキーを削除しますか？</translation>
    </message>
    <message>
        <source>Delete the key %1?</source>
        <translation>キー %1 を削除しますか？</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 を削除できませんでした: %2</translation>
    </message>
    <message>
        <source>the agent said no</source>
        <translation>エージェントが拒否しました</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvSearch</name>
    <message numerus="yes">
        <source>(binary value, %n bytes)</source>
        <translation>
            <numerusform>（バイナリ値、%n バイト）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvSearchResultModel</name>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvTransfer</name>
    <message>
        <source>1 key</source>
        <translation>1 個のキー</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 個のキー</translation>
    </message>
    <message>
        <source>Give the new path.</source>
        <translation>新しいパスを指定してください。</translation>
    </message>
    <message>
        <source>%1 is where it is already.</source>
        <translation>%1 は現在と同じ場所です。</translation>
    </message>
    <message>
        <source>%1 is inside %2: a folder cannot go into itself.</source>
        <translation>%1 は %2 の中にあります。フォルダーを自分自身の中に入れることはできません。</translation>
    </message>
    <message>
        <source>%1 does not exist (any more); nothing was copied.</source>
        <translation>%1 は（もう）存在しないため、何もコピーされませんでした。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>There is nothing to write.</source>
        <translation>書き込むものがありません。</translation>
    </message>
    <message>
        <source>Could not look at %1: %2</source>
        <translation>%1 を確認できませんでした: %2</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>ストア</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 をインポートしました。</translation>
    </message>
    <message>
        <source>Copied %1 to %2 (%3).</source>
        <translation>%1 を %2 にコピーしました（%3）。</translation>
    </message>
    <message>
        <source>Renamed %1 to %2 (%3).</source>
        <translation>%1 の名前を %2 に変更しました（%3）。</translation>
    </message>
    <message>
        <source>Moved %1 from %2 to %3, but left %4 at the old path, not copied, because they changed during the rename: %5</source>
        <translation>%1 を %2 から %3 に移動しましたが、名前の変更中に変更されたため、%4 はコピーせずに元のパスに残しました: %5</translation>
    </message>
    <message>
        <source>Could not write %1: %2. %3</source>
        <translation>%1 に書き込めませんでした: %2。%3</translation>
    </message>
    <message>
        <source>The agent refused the transaction: %1. %2</source>
        <translation>エージェントがトランザクションを拒否しました: %1。%2</translation>
    </message>
    <message>
        <source>%1 was created by someone else meanwhile, so it was not overwritten. %2</source>
        <translation>その間に他の誰かが %1 を作成したため、上書きしませんでした。%2</translation>
    </message>
    <message>
        <source>Cancelled. %1</source>
        <translation>キャンセルしました。%1</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>何も書き込まれていません。</translation>
    </message>
    <message>
        <source>%1 of %2 were moved before that; the rest are still at the old path.</source>
        <translation>%2 個中 %1 個はそれまでに移動済みです。残りは元のパスにあります。</translation>
    </message>
    <message>
        <source>%1 of %2 were written before that.</source>
        <translation>%2 個中 %1 個はそれまでに書き込み済みです。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::KvTreeModel</name>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::LabCommandPane</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>(each action here runs a qonsul lab command, shown here)</source>
        <translation>（ここでの各操作は qonsul lab コマンドを実行し、ここに表示します）</translation>
    </message>
    <message>
        <source>Command line of the last action</source>
        <translation>直前の操作のコマンドライン</translation>
    </message>
    <message>
        <source>Copy the command, to run it in a terminal</source>
        <translation>ターミナルで実行できるようにコマンドをコピー</translation>
    </message>
    <message>
        <source>Output of the last command</source>
        <translation>直前のコマンドの出力</translation>
    </message>
    <message>
        <source>CLI</source>
        <translation>CLI</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed (exit %1)</source>
        <translation>失敗（終了コード %1）</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::LabCommandRunner</name>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 を実行できません: %2</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::LabNodeModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::LabPage</name>
    <message>
        <source>Lab</source>
        <translation>ラボ</translation>
    </message>
    <message>
        <source>Stop Lab</source>
        <translation>ラボを停止</translation>
    </message>
    <message>
        <source>Stop every node (clients leave first); data and logs stay</source>
        <translation>すべてのノードを停止します（クライアントが先に離脱）。データとログは残ります</translation>
    </message>
    <message>
        <source>Heal</source>
        <translation>修復</translation>
    </message>
    <message>
        <source>Remove every partition, latency and loss; resume paused nodes</source>
        <translation>すべてのパーティション、遅延、損失を取り除き、一時停止中のノードを再開します</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>強制終了</translation>
    </message>
    <message>
        <source>SIGKILL: a crash, no leave; its data stays</source>
        <translation>SIGKILL: クラッシュ扱いで、離脱しません。データは残ります</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>SIGSTOP: it holds its sockets and answers nothing</source>
        <translation>SIGSTOP: ソケットを保持したまま、何にも応答しません</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>SIGCONT</source>
        <translation>SIGCONT</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Start it again with its data and faults</source>
        <translation>データと障害設定を保ったまま再び起動します</translation>
    </message>
    <message>
        <source>Open Pages on It</source>
        <translation>このノードでページを開く</translation>
    </message>
    <message>
        <source>Attach the window to this node: its Services, Nodes, Key/Value and DNS</source>
        <translation>ウィンドウをこのノードに接続します: サービス、ノード、キー/バリュー、DNS の各ページ</translation>
    </message>
    <message>
        <source>Cut Between Groups</source>
        <translation>グループ間を切断</translation>
    </message>
    <message>
        <source>Nodes of group A stop reaching nodes of group B, both ways</source>
        <translation>グループ A のノードとグループ B のノードが、双方向で互いに到達できなくなります</translation>
    </message>
    <message>
        <source>Start Tutorial Lab</source>
        <translation>チュートリアルのラボを開始</translation>
    </message>
    <message>
        <source>n1, a server, and n2, a client, as in the tutorial</source>
        <translation>チュートリアルと同じく、サーバーの n1 とクライアントの n2</translation>
    </message>
    <message>
        <source>New Lab…</source>
        <translation>新しいラボ…</translation>
    </message>
    <message>
        <source>Choose how many servers and clients</source>
        <translation>サーバーとクライアントの数を選択</translation>
    </message>
    <message>
        <source>No lab running</source>
        <translation>実行中のラボはありません</translation>
    </message>
    <message>
        <source>A lab is a cluster of real agents on this machine, each on its own loopback address (n1 on %1, n2 on the next, …). Start the tutorial&apos;s pair, or as many servers as you like, then break them: kill the leader, pause a node, cut the network.&lt;br&gt;&lt;br&gt;The same from a terminal: &lt;code&gt;qonsul lab up&lt;/code&gt;</source>
        <translation>ラボは、このマシン上の実際のエージェントからなるクラスターで、各エージェントが専用のループバックアドレスを持ちます（n1 は %1、n2 はその次、…）。チュートリアルの 2 台、または好きな数のサーバーを起動して、壊してみましょう。リーダーの強制終了、ノードの一時停止、ネットワークの切断などができます。&lt;br&gt;&lt;br&gt;ターミナルからも同じことができます: &lt;code&gt;qonsul lab up&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Simulate 1,000 Members</source>
        <translation>1,000 メンバーをシミュレート</translation>
    </message>
    <message>
        <source>Gossip at scale: a pool of 1,000 simulated members, in this app</source>
        <translation>大規模なゴシップ: このアプリ内でシミュレートした 1,000 メンバーのプール</translation>
    </message>
    <message>
        <source>Lab nodes</source>
        <translation>ラボのノード</translation>
    </message>
    <message>
        <source>Latency of what the node sends, in milliseconds</source>
        <translation>ノードが送信するものの遅延（ミリ秒）</translation>
    </message>
    <message>
        <source>Share of the node&apos;s packets lost, in percent</source>
        <translation>ノードのパケットが失われる割合（%）</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>パーティション</translation>
    </message>
    <message>
        <source>Drag nodes into group B, then cut: the two groups lose each other.</source>
        <translation>ノードをグループ B にドラッグしてから切断すると、2 つのグループは互いを見失います。</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>クラスター(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Raft</source>
        <translation>&amp;Raft</translation>
    </message>
    <message>
        <source>&amp;Gossip</source>
        <translation>ゴシップ(&amp;G)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 · %2 · in %3</source>
        <translation>%1 · %2 · 場所: %3</translation>
    </message>
    <message>
        <source>1 server</source>
        <translation>サーバー 1 台</translation>
    </message>
    <message>
        <source>%1 servers</source>
        <translation>サーバー %1 台</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>クライアント 1 台</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>クライアント %1 台</translation>
    </message>
    <message>
        <source>leader %1, term %2</source>
        <translation>リーダー %1、ターム %2</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>リーダーなし</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 on %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2（%3）· %4</translation>
    </message>
    <message>
        <source>server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>Select a node above.</source>
        <translation>上でノードを選択してください。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ListDetailPage</name>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>&lt;p&gt;Words are matched against the name and address; all must match.&lt;/p&gt;&lt;p&gt;&lt;code&gt;tag:rails&lt;/code&gt; keeps what has that tag, &lt;code&gt;meta:version=2&lt;/code&gt; what has that metadata value (&lt;code&gt;meta:version&lt;/code&gt; just the key), &lt;code&gt;status:critical&lt;/code&gt; what has a critical check.&lt;/p&gt;&lt;p&gt;Start typing &lt;code&gt;tag:&lt;/code&gt; or &lt;code&gt;meta:&lt;/code&gt; to pick from what is there.&lt;/p&gt;</source>
        <translation>&lt;p&gt;入力した語は名前とアドレスに照合され、すべてが一致する必要があります。&lt;/p&gt;&lt;p&gt;&lt;code&gt;tag:rails&lt;/code&gt; はそのタグを持つもの、&lt;code&gt;meta:version=2&lt;/code&gt; はそのメタデータ値を持つもの（&lt;code&gt;meta:version&lt;/code&gt; はキーのみ）、&lt;code&gt;status:critical&lt;/code&gt; は critical のチェックを持つものに絞り込みます。&lt;/p&gt;&lt;p&gt;&lt;code&gt;tag:&lt;/code&gt; や &lt;code&gt;meta:&lt;/code&gt; と入力し始めると、存在する値から選べます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>All (any status)</source>
        <translation>すべて（任意の状態）</translation>
    </message>
    <message>
        <source>Critical checks</source>
        <translation>critical のチェック</translation>
    </message>
    <message>
        <source>Warning checks</source>
        <translation>warning のチェック</translation>
    </message>
    <message>
        <source>Passing checks</source>
        <translation>passing のチェック</translation>
    </message>
    <message>
        <source>Show only what has a check in this state</source>
        <translation>この状態のチェックを持つものだけを表示</translation>
    </message>
    <message>
        <source>Nothing to show yet</source>
        <translation>表示するものはまだありません</translation>
    </message>
    <message>
        <source>The agent did not answer (see above). This page asks again by itself.</source>
        <translation>エージェントが応答しませんでした（上記参照）。このページは自動的に再度問い合わせます。</translation>
    </message>
    <message>
        <source>Nothing matches this search.</source>
        <translation>この検索に一致するものはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n of them hidden by the search or the status choice. Clear the search field or choose &lt;i&gt;All (any status)&lt;/i&gt;.</source>
        <translation>
            <numerusform>%n 件が検索または状態の選択により非表示になっています。検索欄をクリアするか、&lt;i&gt;すべて（任意の状態）&lt;/i&gt;を選んでください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qonsul::ui::MainWindow</name>
    <message>
        <source>Qonsul</source>
        <translation>Qonsul</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Key/Value</source>
        <translation>キー/バリュー</translation>
    </message>
    <message>
        <source>Intentions</source>
        <translation>インテンション</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>エージェント</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>ラボ</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>入門トラック</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <source>Looking for an agent at %1; if none answers, the app starts its own dev agent there.</source>
        <translation>%1 でエージェントを探しています。応答がなければ、アプリが独自の dev エージェントをそこで起動します。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The embedded dev agent is stopped.&lt;/b&gt; The pages cannot read anything until it runs again.</source>
        <translation>&lt;b&gt;組み込み dev エージェントは停止しています。&lt;/b&gt;再び起動するまで、各ページは何も読み取れません。</translation>
    </message>
    <message>
        <source>Start It</source>
        <translation>起動する</translation>
    </message>
    <message>
        <source>&lt;b&gt;The embedded dev agent did not start:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;組み込み dev エージェントが起動しませんでした:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>No agent to talk to</source>
        <translation>通信できるエージェントがありません</translation>
    </message>
    <message>
        <source>Nothing answered at %1, and starting an embedded dev agent there failed:&lt;br&gt;&lt;b&gt;%2&lt;/b&gt;&lt;br&gt;&lt;br&gt;If another program uses that port, start the app on another one:&lt;br&gt;&lt;code&gt;qonsul desktop -http-addr=127.0.0.1:8501&lt;/code&gt;&lt;br&gt;or start an agent yourself (&lt;code&gt;qonsul agent -dev&lt;/code&gt;) and attach to it with &lt;b&gt;File ▸ Connect to Agent…&lt;/b&gt;.</source>
        <translation>%1 では何も応答せず、そこで組み込み dev エージェントを起動することにも失敗しました:&lt;br&gt;&lt;b&gt;%2&lt;/b&gt;&lt;br&gt;&lt;br&gt;そのポートを別のプログラムが使っている場合は、別のポートでアプリを起動してください:&lt;br&gt;&lt;code&gt;qonsul desktop -http-addr=127.0.0.1:8501&lt;/code&gt;&lt;br&gt;または、自分でエージェントを起動し（&lt;code&gt;qonsul agent -dev&lt;/code&gt;）、&lt;b&gt;ファイル ▸ エージェントに接続…&lt;/b&gt;で接続してください。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>The key you are editing has changes that are not saved. Refreshing reads everything again and drops them.</source>
        <translation>編集中のキーに未保存の変更があります。更新するとすべてを読み直すため、変更は破棄されます。</translation>
    </message>
    <message>
        <source>embedded agent at %1</source>
        <translation>%1 の組み込みエージェント</translation>
    </message>
    <message>
        <source>attached to %1</source>
        <translation>%1 に接続中</translation>
    </message>
    <message>
        <source>Qonsul (%1)</source>
        <translation>Qonsul (%1)</translation>
    </message>
    <message>
        <source>%1 · %2 — Qonsul (%3)</source>
        <translation>%1 · %2 — Qonsul (%3)</translation>
    </message>
    <message>
        <source>Embedded agent</source>
        <translation>組み込みエージェント</translation>
    </message>
    <message>
        <source>The embedded dev agent could not start: %1</source>
        <translation>組み込み dev エージェントを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Quit Qonsul</source>
        <translation>Qonsul の終了</translation>
    </message>
    <message>
        <source>The embedded agent is a dev agent: it keeps its data in memory, and quitting forgets %1.&lt;br&gt;&lt;br&gt;To keep services across runs, write them into its config dir (Agent page); to keep everything, run &lt;code&gt;qonsul agent -dev&lt;/code&gt; in a terminal and attach to it.</source>
        <translation>組み込みエージェントは dev エージェントで、データをメモリー上に保持します。終了すると %1 は失われます。&lt;br&gt;&lt;br&gt;サービスを次回以降も残すには、設定ディレクトリ（エージェントページ）に書き込んでください。すべてを残すには、ターミナルで &lt;code&gt;qonsul agent -dev&lt;/code&gt; を実行し、それに接続してください。</translation>
    </message>
    <message>
        <source>Quit and Forget</source>
        <translation>終了して破棄</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::MetaTableModel</name>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::MonitorFeed</name>
    <message>
        <source>the agent closed the stream</source>
        <translation>エージェントがストリームを閉じました</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NewLabDialog</name>
    <message>
        <source>New Lab</source>
        <translation>新しいラボ</translation>
    </message>
    <message>
        <source>Servers elect a leader with Raft; three survive the loss of one, five the loss of two.</source>
        <translation>サーバーは Raft でリーダーを選出します。3 台なら 1 台、5 台なら 2 台が失われても動作を続けます。</translation>
    </message>
    <message>
        <source>Client agents run services and forward to the servers.</source>
        <translation>クライアントエージェントはサービスを実行し、サーバーへ転送します。</translation>
    </message>
    <message>
        <source>&amp;Servers:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Clients:</source>
        <translation>クライアント(&amp;C):</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>実行コマンド:</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeDetailView</name>
    <message>
        <source>Deregister node…</source>
        <translation>ノードの登録解除…</translation>
    </message>
    <message>
        <source>‹ All Nodes</source>
        <translation>‹ すべてのノード</translation>
    </message>
    <message>
        <source>Remove this node and everything on it from the catalog</source>
        <translation>このノードとその上のすべてをカタログから削除します</translation>
    </message>
    <message>
        <source>Health Checks</source>
        <translation>ヘルスチェック</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Lock Sessions</source>
        <translation>ロックセッション</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>メタデータ</translation>
    </message>
    <message>
        <source>Lock Sessions (%1)</source>
        <translation>ロックセッション (%1)</translation>
    </message>
    <message>
        <source>Could not read node %1: %2</source>
        <translation>ノード %1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>アドレス: %1</translation>
    </message>
    <message>
        <source>   ID: %1</source>
        <translation>   ID: %1</translation>
    </message>
    <message>
        <source>This node is not in the catalog (any more).</source>
        <translation>このノードは（もう）カタログにありません。</translation>
    </message>
    <message>
        <source>Deregister node</source>
        <translation>ノードの登録解除</translation>
    </message>
    <message>
        <source>Deregister the node &lt;b&gt;%1&lt;/b&gt; with every service and check on it from the catalog?&lt;br&gt;&lt;br&gt;Sessions it holds are invalidated. If an agent runs on %1, it registers the node again at its next sync; to remove it for good, make that agent leave (&lt;code&gt;qonsul leave&lt;/code&gt;) or stop it first.</source>
        <translation>ノード &lt;b&gt;%1&lt;/b&gt; を、その上のすべてのサービスとチェックとともにカタログから登録解除しますか？&lt;br&gt;&lt;br&gt;このノードが保持するセッションは無効化されます。%1 でエージェントが動いている場合、次回の同期でノードが再登録されます。完全に削除するには、先にそのエージェントを離脱させる（&lt;code&gt;qonsul leave&lt;/code&gt;）か、停止してください。</translation>
    </message>
    <message>
        <source>Deregister</source>
        <translation>登録解除</translation>
    </message>
    <message>
        <source>Could not deregister node %1: %2</source>
        <translation>ノード %1 を登録解除できませんでした: %2</translation>
    </message>
    <message>
        <source>Round Trip Time</source>
        <translation>ラウンドトリップ時間</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeListModel</name>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Health Checks</source>
        <translation>ヘルスチェック</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>リーダー</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>The Raft leader: every write goes through it</source>
        <translation>Raft のリーダー: すべての書き込みはここを経由します</translation>
    </message>
    <message>
        <source>A Raft server: holds a copy of the catalog and votes</source>
        <translation>Raft のサーバー: カタログの複製を持ち、投票します</translation>
    </message>
    <message>
        <source>A client agent</source>
        <translation>クライアントエージェント</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeRoundTripModel</name>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Estimated round trip</source>
        <translation>推定ラウンドトリップ</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>セグメント</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeServiceModel</name>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeSessionModel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Behavior</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Lock Delay</source>
        <translation>ロック遅延</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>When the session ends, the keys it locks are deleted</source>
        <translation>セッションが終了すると、ロックしているキーを削除します</translation>
    </message>
    <message>
        <source>When the session ends, the keys it locks are released</source>
        <translation>セッションが終了すると、ロックしているキーを解放します</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodeSessionsView</name>
    <message>
        <source>Invalidate…</source>
        <translation>無効化…</translation>
    </message>
    <message>
        <source>End the selected session: the keys it locks are released (or deleted, with behavior delete)</source>
        <translation>選択したセッションを終了します。ロックしているキーは解放されます（behavior が delete の場合は削除されます）</translation>
    </message>
    <message>
        <source>Could not read the sessions of %1: %2</source>
        <translation>%1 のセッションを読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Invalidate session</source>
        <translation>セッションの無効化</translation>
    </message>
    <message>
        <source>Invalidate the session &lt;b&gt;%1&lt;/b&gt; (%2)?&lt;br&gt;&lt;br&gt;The keys it locks are %3, and new locks on them wait out its lock delay of %4.</source>
        <translation>セッション &lt;b&gt;%1&lt;/b&gt;（%2）を無効化しますか？&lt;br&gt;&lt;br&gt;ロックしているキーは%3。それらに対する新しいロックは、ロック遅延 %4 の間待たされます。</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>削除されます</translation>
    </message>
    <message>
        <source>released</source>
        <translation>解放されます</translation>
    </message>
    <message>
        <source>Invalidate</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>Could not invalidate session %1: %2</source>
        <translation>セッション %1 を無効化できませんでした: %2</translation>
    </message>
    <message>
        <source>the agent did not confirm</source>
        <translation>エージェントが確認しませんでした</translation>
    </message>
    <message>
        <source>A session ties the locks it holds on keys to this node&apos;s health. Invalidating it releases them (or deletes the keys, with behavior delete).</source>
        <translation>セッションは、キーに対して保持しているロックをこのノードの状態に結び付けます。無効化するとロックが解放されます（behavior が delete の場合はキーが削除されます）。</translation>
    </message>
    <message>
        <source>This node holds no lock sessions. &lt;code&gt;qonsul lock&lt;/code&gt; creates one, as does &lt;code&gt;PUT /v1/session/create&lt;/code&gt;.</source>
        <translation>このノードはロックセッションを保持していません。&lt;code&gt;qonsul lock&lt;/code&gt; や &lt;code&gt;PUT /v1/session/create&lt;/code&gt; で作成できます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::NodesPage</name>
    <message>
        <source>Nodes</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Search by name or address, tag:rails (of a service), meta:rack=r1</source>
        <translation>名前またはアドレス、tag:rails（サービスのタグ）、meta:rack=r1 で検索</translation>
    </message>
    <message>
        <source>There are no nodes.</source>
        <translation>ノードがありません。</translation>
    </message>
    <message>
        <source>An agent registers its own node when it starts. If this stays empty, the agent may still be electing a leader.</source>
        <translation>エージェントは起動時に自身のノードを登録します。空のままの場合は、エージェントがまだリーダーを選出中の可能性があります。</translation>
    </message>
    <message>
        <source>Could not read the nodes: %1</source>
        <translation>ノードを読み取れませんでした: %1</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>&lt;b&gt;Servers&lt;/b&gt;</source>
        <translation>&lt;b&gt;サーバー&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Members&lt;/b&gt;</source>
        <translation>&lt;b&gt;メンバー&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The servers&apos; health is not available: %1</source>
        <translation>サーバーの健全性を取得できません: %1</translation>
    </message>
    <message>
        <source>Cannot read the members: %1</source>
        <translation>メンバーを読み取れません: %1</translation>
    </message>
    <message>
        <source>Is the agent running? The page tries again every two seconds.</source>
        <translation>エージェントは動いていますか？ このページは 2 秒ごとに再試行します。</translation>
    </message>
    <message>
        <source>Datacenter &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>データセンター &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>attached to %1</source>
        <translation>%1 に接続中</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>リーダーなし</translation>
    </message>
    <message>
        <source>leader &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>リーダー &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>1 voting server, %1</source>
        <translation>投票権のあるサーバー 1 台、%1</translation>
    </message>
    <message>
        <source>%1 voting servers, %2</source>
        <translation>投票権のあるサーバー %1 台、%2</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>&lt;b&gt;not all healthy&lt;/b&gt;</source>
        <translation>&lt;b&gt;一部が異常&lt;/b&gt;</translation>
    </message>
    <message>
        <source>tolerates 1 server failure</source>
        <translation>サーバー 1 台の障害まで許容</translation>
    </message>
    <message>
        <source>tolerates %1 server failures</source>
        <translation>サーバー %1 台の障害まで許容</translation>
    </message>
    <message>
        <source>1 member, %1 alive</source>
        <translation>メンバー 1、生存 %1</translation>
    </message>
    <message>
        <source>%1 members, %2 alive</source>
        <translation>メンバー %1、生存 %2</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::PartitionEditor</name>
    <message>
        <source>Group A</source>
        <translation>グループ A</translation>
    </message>
    <message>
        <source>Group B</source>
        <translation>グループ B</translation>
    </message>
    <message>
        <source>Move the selected nodes of group A to group B</source>
        <translation>選択したグループ A のノードをグループ B に移動</translation>
    </message>
    <message>
        <source>Move to group B</source>
        <translation>グループ B に移動</translation>
    </message>
    <message>
        <source>Move the selected nodes of group B to group A</source>
        <translation>選択したグループ B のノードをグループ A に移動</translation>
    </message>
    <message>
        <source>Move to group A</source>
        <translation>グループ A に移動</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::RaftPane</name>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>コマ送り</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Follow what happens now</source>
        <translation>現在の状況を追う</translation>
    </message>
    <message>
        <source>Pause, then go to the next recorded event</source>
        <translation>一時停止し、記録された次のイベントへ進む</translation>
    </message>
    <message>
        <source>Play again from the first recorded event</source>
        <translation>記録された最初のイベントから再生し直す</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>再生速度</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Kill the Leader</source>
        <translation>リーダーを強制終了</translation>
    </message>
    <message>
        <source>SIGKILL the leader: the others elect a new one</source>
        <translation>リーダーに SIGKILL を送ります。残りのノードが新しいリーダーを選出します</translation>
    </message>
    <message>
        <source>Split the Vote</source>
        <translation>票を割る</translation>
    </message>
    <message>
        <source>Pause the leader, slow the others, and make them all campaign at one moment: nobody wins that term</source>
        <translation>リーダーを一時停止し、他を遅くして、全員を同時に立候補させます。そのタームでは誰も当選しません</translation>
    </message>
    <message>
        <source>Cut the Leader Away</source>
        <translation>リーダーを切り離す</translation>
    </message>
    <message>
        <source>Partition the leader from every other node</source>
        <translation>リーダーを他のすべてのノードから分断します</translation>
    </message>
    <message>
        <source>Write with a Minority Cut Off</source>
        <translation>少数派を切り離して書き込む</translation>
    </message>
    <message>
        <source>Cut one follower off, then write three keys: the majority commits them, the cut-off log falls behind</source>
        <translation>フォロワーを 1 台切り離してから、キーを 3 つ書き込みます。過半数がコミットし、切り離されたノードのログは遅れます</translation>
    </message>
    <message>
        <source>Scenarios:</source>
        <translation>シナリオ:</translation>
    </message>
    <message>
        <source>live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>No servers recorded yet: start a lab.</source>
        <translation>サーバーの記録はまだありません。ラボを開始してください。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 messages in flight</source>
        <translation>%1 · %2 · 送信中のメッセージ %3</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>リーダーなし</translation>
    </message>
    <message>
        <source>leader %1, term %2</source>
        <translation>リーダー %1、ターム %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>There is no leader to kill right now.</source>
        <translation>強制終了できるリーダーが今はいません。</translation>
    </message>
    <message>
        <source>Watch: heartbeats from %1 stop; after an election timeout a follower asks for votes (orange) and leads in a higher term. Restart %1 on the Cluster tab: it comes back as a follower.</source>
        <translation>観察ポイント: %1 からのハートビートが止まり、選挙タイムアウトの後にフォロワーが投票を要求し（オレンジ）、より大きいタームでリーダーになります。クラスタータブで %1 を再起動すると、フォロワーとして戻ってきます。</translation>
    </message>
    <message>
        <source>A split vote needs a leader to pause first; there is none right now.</source>
        <translation>票を割るには、まず一時停止するリーダーが必要ですが、今はいません。</translation>
    </message>
    <message>
        <source>A split vote needs at least two followers: start a lab with 3 servers.</source>
        <translation>票を割るには少なくとも 2 台のフォロワーが必要です。3 台のサーバーでラボを開始してください。</translation>
    </message>
    <message>
        <source>Watch: %1 become candidates in the same term and each votes for itself (red replies): nobody has a majority. Randomized timeouts then let one win a later term. Press Heal to resume %2 and remove the latency.</source>
        <translation>観察ポイント: %1 が同じタームで候補者になり、それぞれ自分に投票します（赤い応答）。誰も過半数を得られません。その後、ランダム化されたタイムアウトにより、後のタームで 1 台が当選します。「修復」を押すと %2 が再開し、遅延が取り除かれます。</translation>
    </message>
    <message>
        <source>There is no leader to cut away right now.</source>
        <translation>切り離せるリーダーが今はいません。</translation>
    </message>
    <message>
        <source>The leader is alone in this lab: there is nobody to cut it from.</source>
        <translation>このラボにはリーダーしかいないため、切り離す相手がいません。</translation>
    </message>
    <message>
        <source>Watch: %1&apos;s messages stop half-way (red crosses); the others elect a new leader in a higher term, and %1, hearing from no quorum, steps down. Press Heal: it rejoins as a follower and its log is brought up to date.</source>
        <translation>観察ポイント: %1 のメッセージが途中で止まります（赤い×）。他のノードがより大きいタームで新しいリーダーを選出し、クォーラムから応答を得られない %1 は退きます。「修復」を押すと、フォロワーとして復帰し、ログが最新の状態に更新されます。</translation>
    </message>
    <message>
        <source>Writing needs a leader; there is none right now.</source>
        <translation>書き込みにはリーダーが必要ですが、今はいません。</translation>
    </message>
    <message>
        <source>This needs a minority to cut off and a majority left: start a lab with 3 servers.</source>
        <translation>これには切り離す少数派と残る過半数が必要です。3 台のサーバーでラボを開始してください。</translation>
    </message>
    <message>
        <source>Watch: the leader&apos;s appends (blue, with their entries) reach the majority and commit, while those to %1 stop half-way; its log falls behind. Press Heal: %1 catches up.</source>
        <translation>観察ポイント: リーダーの append（青、エントリ付き）は過半数に届いてコミットされますが、%1 宛てのものは途中で止まり、そのログは遅れていきます。「修復」を押すと %1 が追いつきます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::RaftView</name>
    <message>
        <source>Raft view</source>
        <translation>Raft ビュー</translation>
    </message>
    <message>
        <source>down</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>リーダー</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>候補者</translation>
    </message>
    <message>
        <source>follower</source>
        <translation>フォロワー</translation>
    </message>
    <message>
        <source>term %1</source>
        <translation>ターム %1</translation>
    </message>
    <message>
        <source>commit %1 · last %2</source>
        <translation>コミット %1 · 最新 %2</translation>
    </message>
    <message>
        <source>vote request</source>
        <translation>投票要求</translation>
    </message>
    <message>
        <source>pre-vote</source>
        <translation>事前投票</translation>
    </message>
    <message>
        <source>vote granted</source>
        <translation>投票承認</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>append (entries)</source>
        <translation>append（エントリ）</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>ハートビート</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>応答</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>スナップショット</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::RoundTripGraph</name>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source> (Segment: %1)</source>
        <translation> (セグメント: %1)</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::RoundTripTimeView</name>
    <message>
        <source>Minimum time</source>
        <translation>最小時間</translation>
    </message>
    <message>
        <source>Median time</source>
        <translation>中央値</translation>
    </message>
    <message>
        <source>Maximum time</source>
        <translation>最大時間</translation>
    </message>
    <message>
        <source>Estimated from the network coordinates that the agents work out from how long their gossip probes take (serf&apos;s Vivaldi). &lt;code&gt;qonsul rtt %1&lt;/code&gt; prints the same estimate, and &lt;code&gt;?near=%1&lt;/code&gt; sorts catalog answers by it.</source>
        <translation>エージェントが gossip プローブにかかる時間から求めるネットワーク座標 (serf の Vivaldi) による推定値です。&lt;code&gt;qonsul rtt %1&lt;/code&gt; も同じ推定値を表示し、&lt;code&gt;?near=%1&lt;/code&gt; はカタログの応答をこの値で並べ替えます。</translation>
    </message>
    <message>
        <source>Could not read the network coordinates: %1</source>
        <translation>ネットワーク座標を読み取れませんでした: %1</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ServerHealthModel</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>異常</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ServiceDetailView</name>
    <message>
        <source>Deregister instance…</source>
        <translation>インスタンスの登録解除…</translation>
    </message>
    <message>
        <source>‹ All Services</source>
        <translation>‹ すべてのサービス</translation>
    </message>
    <message>
        <source>Remove the selected instance from the catalog</source>
        <translation>選択したインスタンスをカタログから削除します</translation>
    </message>
    <message>
        <source>&lt;b&gt;Instances&lt;/b&gt;</source>
        <translation>&lt;b&gt;インスタンス&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Could not read the instances of %1: %2</source>
        <translation>%1 のインスタンスを読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>No instances are registered any more. It may have been deregistered.</source>
        <translation>インスタンスは 1 つも登録されていません。登録解除された可能性があります。</translation>
    </message>
    <message>
        <source>Tags: none</source>
        <translation>タグ: なし</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>タグ: %1</translation>
    </message>
    <message>
        <source>Select an instance to see its checks.</source>
        <translation>インスタンスを選択すると、そのチェックが表示されます。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Checks of %1 on %2&lt;/b&gt; (%3)</source>
        <translation>&lt;b&gt;%2 上の %1 のチェック&lt;/b&gt;（%3）</translation>
    </message>
    <message>
        <source>Could not deregister %1 on %2: %3</source>
        <translation>%2 上の %1 を登録解除できませんでした: %3</translation>
    </message>
    <message>
        <source>The agent this app talks to registered it, so the agent forgets it (as &lt;code&gt;qonsul services deregister -id=%1&lt;/code&gt; does) and removes it from the catalog.</source>
        <translation>このアプリが通信しているエージェントが登録したものなので、エージェントはそれを破棄し（&lt;code&gt;qonsul services deregister -id=%1&lt;/code&gt; と同様）、カタログから削除します。</translation>
    </message>
    <message>
        <source>It is removed from the catalog. If an agent on %1 registered it, that agent puts it back at its next sync: deregister it on that agent instead.</source>
        <translation>カタログから削除されます。%1 上のエージェントが登録したものであれば、次回の同期でそのエージェントが元に戻します。その場合は、そのエージェント上で登録解除してください。</translation>
    </message>
    <message>
        <source>Deregister instance</source>
        <translation>インスタンスの登録解除</translation>
    </message>
    <message>
        <source>Deregister the instance &lt;b&gt;%1&lt;/b&gt; on node &lt;b&gt;%2&lt;/b&gt;?&lt;br&gt;&lt;br&gt;%3</source>
        <translation>ノード &lt;b&gt;%2&lt;/b&gt; 上のインスタンス &lt;b&gt;%1&lt;/b&gt; を登録解除しますか？&lt;br&gt;&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>Deregister</source>
        <translation>登録解除</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ServiceInstanceModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Node Checks</source>
        <translation>ノードのチェック</translation>
    </message>
    <message>
        <source>Service Checks</source>
        <translation>サービスのチェック</translation>
    </message>
    <message>
        <source>in maintenance; %1</source>
        <translation>メンテナンス中、%1</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ServiceListModel</name>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Health Checks</source>
        <translation>ヘルスチェック</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>インスタンス</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Registered by %1</source>
        <translation>%1 が登録</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::ServicesPage</name>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Search by name, tag:rails, meta:version=2 or status:critical</source>
        <translation>名前、tag:rails、meta:version=2、status:critical で検索</translation>
    </message>
    <message>
        <source>There are no services.</source>
        <translation>サービスがありません。</translation>
    </message>
    <message>
        <source>Register one from a terminal:&lt;br&gt;&lt;code&gt;qonsul services register -name web -port 80&lt;/code&gt;&lt;br&gt;&lt;br&gt;or put &lt;code&gt;{&quot;service&quot;: {&quot;name&quot;: &quot;web&quot;, &quot;port&quot;: 80}}&lt;/code&gt; in a config directory and run &lt;code&gt;qonsul reload&lt;/code&gt;. It shows up here at once.</source>
        <translation>ターミナルから登録してください:&lt;br&gt;&lt;code&gt;qonsul services register -name web -port 80&lt;/code&gt;&lt;br&gt;&lt;br&gt;または、設定ディレクトリに &lt;code&gt;{&quot;service&quot;: {&quot;name&quot;: &quot;web&quot;, &quot;port&quot;: 80}}&lt;/code&gt; を置いて &lt;code&gt;qonsul reload&lt;/code&gt; を実行します。すぐにここに表示されます。</translation>
    </message>
    <message>
        <source>Could not read the services: %1</source>
        <translation>サービスを読み取れませんでした: %1</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TopologyView</name>
    <message>
        <source>Connect topology</source>
        <translation>Connect トポロジー</translation>
    </message>
    <message>
        <source>No service calls another through Connect yet. Register a service with a sidecar and an upstream (the tutorial&apos;s step 4) and it shows here.</source>
        <translation>Connect を介して他のサービスを呼び出しているサービスはまだありません。サイドカーとアップストリームを持つサービスを登録すると（チュートリアルのステップ 4）、ここに表示されます。</translation>
    </message>
    <message>
        <source>default: allow</source>
        <translation>既定: allow</translation>
    </message>
    <message>
        <source>✕ %1 refused · last: %2</source>
        <translation>✕ 拒否 %1 件 · 最後: %2</translation>
    </message>
    <message>
        <source>✓ %1 connected</source>
        <translation>✓ 接続 %1 件</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Click an arrow to flip what decides it.</source>
        <translation>矢印をクリックすると、その接続を判定するもの（許可/拒否）を切り替えます。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TrackDiagram</name>
    <message>
        <source>Diagram</source>
        <translation>図</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TrackPage</name>
    <message>
        <source>Reset Progress</source>
        <translation>進捗をリセット</translation>
    </message>
    <message>
        <source>Steps of the track</source>
        <translation>トラックのステップ</translation>
    </message>
    <message>
        <source>Forget which steps are done (the agents keep running)</source>
        <translation>どのステップが完了したかの記録を消去します（エージェントは動き続けます）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Getting Started&lt;/b&gt;&lt;br&gt;Consul&apos;s tutorial, step by step, on this machine</source>
        <translation>&lt;b&gt;入門&lt;/b&gt;&lt;br&gt;Consul のチュートリアルを、このマシン上で 1 ステップずつ</translation>
    </message>
    <message>
        <source>Step %1, %2: done</source>
        <translation>ステップ %1、%2: 完了</translation>
    </message>
    <message>
        <source>Step %1, %2</source>
        <translation>ステップ %1、%2</translation>
    </message>
    <message>
        <source>Type a command of your own and press Enter, e.g. consul members</source>
        <translation>自分のコマンドを入力して Enter を押してください(例: consul members)</translation>
    </message>
    <message>
        <source>Run a command</source>
        <translation>コマンドを実行</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TrackProcesses</name>
    <message>
        <source>bash did not start
</source>
        <translation>bash が起動しませんでした
</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TrackRunPane</name>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt;</source>
        <translation>&lt;b&gt;実行中&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Command output</source>
        <translation>コマンドの出力</translation>
    </message>
    <message>
        <source>What a command prints shows here while it runs.</source>
        <translation>コマンドの出力は、実行中にここに表示されます。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>終了コード %1</translation>
    </message>
    <message>
        <source>Show its output</source>
        <translation>出力を表示</translation>
    </message>
    <message>
        <source>Show the output of %1</source>
        <translation>%1 の出力を表示</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>%1 を停止</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::TrackStepView</name>
    <message>
        <source>&amp;Check</source>
        <translation>チェック(&amp;C)</translation>
    </message>
    <message>
        <source>Open a &amp;Terminal Here</source>
        <translation>ここでターミナルを開く(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reset This Step</source>
        <translation>このステップをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the App&apos;s Agent</source>
        <translation>アプリのエージェントを停止</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>チェック結果</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>ヒント</translation>
    </message>
    <message>
        <source>Ask the agents whether this step is done</source>
        <translation>このステップが完了したかをエージェントに問い合わせます</translation>
    </message>
    <message>
        <source>Your desktop&apos;s terminal, in the track&apos;s folder, with qonsul on PATH and alias consul=qonsul</source>
        <translation>トラックのフォルダーで、qonsul を PATH に入れ alias consul=qonsul を設定した状態で、デスクトップのターミナルを開きます</translation>
    </message>
    <message>
        <source>Stop what this step started and bring the agents back to where the step begins</source>
        <translation>このステップで起動したものを停止し、エージェントをステップ開始時の状態に戻します</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>The commands say &lt;code&gt;consul&lt;/code&gt;: Run and the terminal of this track set &lt;code&gt;alias consul=qonsul&lt;/code&gt;. In a shell of your own, type &lt;code&gt;alias consul=qonsul&lt;/code&gt; first (step 1 makes new terminals do it).</source>
        <translation>コマンドには &lt;code&gt;consul&lt;/code&gt; と書かれています。「実行」とこのトラックのターミナルでは &lt;code&gt;alias consul=qonsul&lt;/code&gt; が設定されます。自分で開いたシェルでは、先に &lt;code&gt;alias consul=qonsul&lt;/code&gt; と入力してください（ステップ 1 以降、新しいターミナルでは自動的に設定されます）。</translation>
    </message>
    <message>
        <source>The commands say &lt;code&gt;qonsul&lt;/code&gt;: Qonsul&apos;s own commands, on your PATH since step 1.</source>
        <translation>コマンドには &lt;code&gt;qonsul&lt;/code&gt; と書かれています。Qonsul 独自のコマンドで、ステップ 1 以降は PATH 上にあります。</translation>
    </message>
    <message>
        <source>Show in the App: %1</source>
        <translation>アプリで表示: %1</translation>
    </message>
    <message>
        <source>Show in the app: %1</source>
        <translation>アプリで表示: %1</translation>
    </message>
    <message>
        <source>Command %1: %2</source>
        <translation>コマンド %1: %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy command %1</source>
        <translation>コマンド %1 をコピー</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run command %1: %2</source>
        <translation>コマンド %1 を実行: %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>チェック中…</translation>
    </message>
    <message>
        <source>&lt;b&gt;This step is done.&lt;/b&gt;</source>
        <translation>&lt;b&gt;このステップは完了です。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not yet:&lt;/b&gt; what is marked ✗ is missing.</source>
        <translation>&lt;b&gt;未完了:&lt;/b&gt; ✗ の付いた項目が満たされていません。</translation>
    </message>
</context>
<context>
    <name>qonsul::ui::WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Connect to Agent…</source>
        <translation>エージェントに接続(&amp;C)…</translation>
    </message>
    <message>
        <source>Talk to another Qonsul or Consul agent at any HTTP address</source>
        <translation>任意の HTTP アドレスにある別の Qonsul または Consul エージェントと通信します</translation>
    </message>
    <message>
        <source>Use &amp;Embedded Agent</source>
        <translation>組み込みエージェントを使用(&amp;E)</translation>
    </message>
    <message>
        <source>Go back to the dev agent this app runs itself</source>
        <translation>このアプリ自身が実行する dev エージェントに戻ります</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Dark Mode</source>
        <translation>ダークモード(&amp;D)</translation>
    </message>
    <message>
        <source>Follow &amp;System Colors</source>
        <translation>システムの配色に従う(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>戻る(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>進む(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Consul&apos;s Getting Started &amp;Tutorial</source>
        <translation>Consul 入門チュートリアル(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About Qonsul</source>
        <translation>Qonsul について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>About Qonsul</source>
        <translation>Qonsul について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Qonsul %1&lt;/h3&gt;&lt;p&gt;A desktop lab for learning service discovery the way HashiCorp Consul does it: an agent with Consul&apos;s HTTP API, DNS interface and CLI, and this window onto it.&lt;/p&gt;&lt;p&gt;Follows the behaviour of Consul %2. Works with real Consul agents too (File ▸ Connect to Agent…).&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Qonsul %1&lt;/h3&gt;&lt;p&gt;HashiCorp Consul と同じやり方でサービスディスカバリーを学ぶための、デスクトップのラボです。Consul の HTTP API、DNS インターフェース、CLI を備えたエージェントと、それを見るこのウィンドウからなります。&lt;/p&gt;&lt;p&gt;Consul %2 の動作に準拠しています。実際の Consul エージェントとも使えます（ファイル ▸ エージェントに接続…）。&lt;/p&gt;&lt;p&gt;Qt %3 でビルドされています。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>システムに従う(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Getting Started Track</source>
        <translation>入門トラック(&amp;G)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Qonsul speaks the language chosen from its next start. Restart it now? The embedded agent restarts too.</source>
        <translation>選んだ言語は次回の起動から使われます。今すぐ再起動しますか?組み込みエージェントも再起動します。</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>今すぐ再起動</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>あとで</translation>
    </message>
</context>
</TS>
