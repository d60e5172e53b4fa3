<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>LinearLab shows the new language when it starts again. Restart now?</source>
        <translation>LinearLab 重新启动后才会显示新的语言。现在重启吗？</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::AboutDialog</name>
    <message>
        <source>&lt;h3&gt;LinearLab %1&lt;/h3&gt;&lt;p&gt;A desktop lab for torch.nn.Linear and its family: the same layer maths, default initialisation and seeded weights as PyTorch.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;&amp;nbsp;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;&amp;nbsp;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;&amp;nbsp;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;LinearLab %1&lt;/h3&gt;&lt;p&gt;研究 torch.nn.Linear 及其家族的桌面实验室：层的计算、默认初始化和按种子生成的权重都与 PyTorch 相同。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;&amp;nbsp;%2（构建时为 %3）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;&amp;nbsp;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;&amp;nbsp;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About LinearLab</source>
        <translation>关于 LinearLab</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ChartLegend</name>
    <message>
        <source>Chart legend</source>
        <translation>图例</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::CollapseLesson</name>
    <message>
        <source>Run</source>
        <translation>连续段</translation>
    </message>
    <message>
        <source>No layers yet.</source>
        <translation>还没有层。</translation>
    </message>
    <message>
        <source>nothing to collapse</source>
        <translation>没有可合并的层</translation>
    </message>
    <message>
        <source>node %1 (%2)</source>
        <translation>节点 %1（%2）</translation>
    </message>
    <message>
        <source>W %1%2</source>
        <translation>W %1%2</translation>
    </message>
    <message>
        <source>, b beside it</source>
        <translation>，b 在其旁边</translation>
    </message>
    <message>
        <source>%1: no nonlinearity between them, so x Wᵀ + b with</source>
        <translation>%1：它们之间没有非线性，所以等于 x Wᵀ + b，其中</translation>
    </message>
    <message>
        <source>W = %1 : %2 → %3</source>
        <translation>W = %1 : %2 → %3</translation>
    </message>
    <message>
        <source>b = %1 : (%2,)</source>
        <translation>b = %1 : (%2,)</translation>
    </message>
    <message>
        <source>no bias: every Linear of the run has bias=False</source>
        <translation>没有偏置：这一段中每个 Linear 都是 bias=False</translation>
    </message>
    <message numerus="yes">
        <source>%1 passes x through%2</source>
        <translation>
            <numerusform>%1 原样传递 x%2</numerusform>
        </translation>
    </message>
    <message>
        <source> (Dropout as in eval mode)</source>
        <translation>（Dropout 按 eval 模式）</translation>
    </message>
    <message>
        <source>rank %1 (at most %2, the narrowest width of the run)</source>
        <translation>秩为 %1（至多 %2，即这一段最窄的宽度）</translation>
    </message>
    <message>
        <source>rank at most %1, the narrowest width of the run</source>
        <translation>秩至多为 %1，即这一段最窄的宽度</translation>
    </message>
    <message>
        <source>too large to multiply on every step: linearlab-cli collapse computes it</source>
        <translation>太大，无法每一步都相乘：请用 linearlab-cli collapse 计算</translation>
    </message>
    <message>
        <source>waiting for the first snapshot…</source>
        <translation>正在等待第一个快照…</translation>
    </message>
    <message>
        <source>linearlab-cli collapse writes the design with this one Linear.</source>
        <translation>linearlab-cli collapse 会把设计写成只用这一个 Linear 的版本。</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>%1.
Two Linear layers with nothing between them (or only Identity or Dropout) are one Linear: W = W₂W₁, b = W₂b₁ + b₂.</source>
        <translation>%1.
两个 Linear 层之间如果什么都没有（或只有 Identity 或 Dropout），就等于一个 Linear：W = W₂W₁，b = W₂b₁ + b₂。</translation>
    </message>
    <message>
        <source>Run of linear nodes</source>
        <translation>相连的线性节点</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::CollapseText</name>
    <message>
        <source>nodes %1–%2 = Linear(%3, %4)</source>
        <translation>节点 %1–%2 = Linear(%3, %4)</translation>
    </message>
    <message>
        <source>nothing to collapse: the design has no Linear layer</source>
        <translation>没有可合并的层：设计中没有 Linear 层</translation>
    </message>
    <message>
        <source>nothing to collapse: every Linear is followed by a nonlinearity (node %1: %2)</source>
        <translation>没有可合并的层：每个 Linear 后面都跟着非线性（节点 %1：%2）</translation>
    </message>
    <message>
        <source>nothing to collapse: node %1 (%2) has no Linear or Identity next to it</source>
        <translation>没有可合并的层：节点 %1（%2）旁边没有 Linear 或 Identity</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::CsvImportDialog</name>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation>%1：文件为空</translation>
    </message>
    <message>
        <source>First rows of %1:</source>
        <translation>%1 的前几行：</translation>
    </message>
    <message>
        <source>target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>class labels (CrossEntropyLoss)</source>
        <translation>类别标签（CrossEntropyLoss）</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>z-score each feature column</source>
        <translation>对每个特征列做 z-score 标准化</translation>
    </message>
    <message>
        <source>standardize</source>
        <translation>标准化</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::DiagramCanvas</name>
    <message>
        <source>input  [%1, %2]</source>
        <translation>输入  [%1, %2]</translation>
    </message>
    <message>
        <source>, rank ≤ %1</source>
        <translation>，秩 ≤ %1</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>网络结构图</translation>
    </message>
    <message>
        <source>Up and Down select a node, Ctrl+Up and Ctrl+Down move it, Enter edits it, Delete removes it, Insert adds a layer</source>
        <translation>上、下方向键选择节点，Ctrl+上、Ctrl+下移动节点，Enter 编辑，Delete 删除，Insert 添加一层</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::DockFocus</name>
    <message>
        <source>Next Pane</source>
        <translation>下一个窗格</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the next dock</source>
        <translation>把键盘焦点移到下一个停靠窗口</translation>
    </message>
    <message>
        <source>Previous Pane</source>
        <translation>上一个窗格</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the previous dock</source>
        <translation>把键盘焦点移到上一个停靠窗口</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::DocumentController</name>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them before %2?</source>
        <translation>%1 有未保存的更改。要先保存再%2吗？</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ExplainerLesson</name>
    <message>
        <source>%1 or %2</source>
        <translation>%1 或 %2</translation>
    </message>
    <message>
        <source>A as PyTorch stores it (out_features, in_features)</source>
        <translation>按 PyTorch 存储的方式显示 A（out_features, in_features）</translation>
    </message>
    <message>
        <source>As the tutorial writes it (output = input * W + b)</source>
        <translation>按教程的写法（output = input * W + b）</translation>
    </message>
    <message>
        <source>No network yet.</source>
        <translation>还没有网络。</translation>
    </message>
    <message>
        <source>%1&apos;s in_features is inferred from the first batch: take a step to see its A and b.</source>
        <translation>%1 的 in_features 由第一个批次推断：走一步就能看到它的 A 和 b。</translation>
    </message>
    <message>
        <source>the network input</source>
        <translation>网络的输入</translation>
    </message>
    <message>
        <source>node %1&apos;s output (%2)</source>
        <translation>节点 %1 的输出（%2）</translation>
    </message>
    <message>
        <source>The design changed: its numbers follow with the rebuilt network&apos;s first snapshot.</source>
        <translation>设计已更改：重建后的网络发来第一个快照时，这里的数值随之更新。</translation>
    </message>
    <message>
        <source>The explainer shows the engine&apos;s numbers once the network is built.</source>
        <translation>网络构建完成后，讲解会显示引擎算出的数值。</translation>
    </message>
    <message>
        <source>Node %1 is %2. Select a %3 node to see its y = xAᵀ + b.</source>
        <translation>节点 %1 是 %2。选择一个 %3 节点，查看它的 y = xAᵀ + b。</translation>
    </message>
    <message>
        <source>Select a %1 node to see its y = xAᵀ + b.</source>
        <translation>选择一个 %1 节点，查看它的 y = xAᵀ + b。</translation>
    </message>
    <message>
        <source>y_k = x1ᵀ A_k x2 + b_k   (A = %1, slice k per output)</source>
        <translation>y_k = x1ᵀ A_k x2 + b_k   （A = %1，每个输出 k 一个切片）</translation>
    </message>
    <message>
        <source>output = input * W + b,   W = Aᵀ = %1.T</source>
        <translation>output = input * W + b，   W = Aᵀ = %1.T</translation>
    </message>
    <message>
        <source>y = xAᵀ + b,   A = %1, b = %2</source>
        <translation>y = xAᵀ + b，   A = %1，b = %2</translation>
    </message>
    <message>
        <source>y = xAᵀ,   A = %1</source>
        <translation>y = xAᵀ，   A = %1</translation>
    </message>
    <message>
        <source>N = %1: x is %2 for the first %1 training samples</source>
        <translation>N = %1：x 是%2，取前 %1 个训练样本</translation>
    </message>
    <message>
        <source>; a batch of %1 (batch.size) goes through the same A and b, one row per sample</source>
        <translation>；一个 %1 个样本的批次（batch.size）经过同样的 A 和 b，每个样本一行</translation>
    </message>
    <message>
        <source>. An input (*, %1) flattens its leading dims into N.</source>
        <translation>。形状为 (*, %1) 的输入会把前面的维度展平成 N。</translation>
    </message>
    <message>
        <source>sample n</source>
        <translation>样本 n</translation>
    </message>
    <message>
        <source>input1 i</source>
        <translation>input1 i</translation>
    </message>
    <message>
        <source>input i</source>
        <translation>输入 i</translation>
    </message>
    <message>
        <source>output k</source>
        <translation>输出 k</translation>
    </message>
    <message>
        <source>output j</source>
        <translation>输出 j</translation>
    </message>
    <message>
        <source>input2 j</source>
        <translation>input2 j</translation>
    </message>
    <message>
        <source>beside</source>
        <translation>在旁边</translation>
    </message>
    <message>
        <source>below</source>
        <translation>在下方</translation>
    </message>
    <message>
        <source>   (W[i, %1] = A[%1, i])</source>
        <translation>   （W[i, %1] = A[%1, i]）</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ExplainerSum</name>
    <message numerus="yes">
        <source>(%n smaller terms: %1)</source>
        <translation>
            <numerusform>（其余 %n 个较小的项：%1）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linearlab::ui::GeometryLesson</name>
    <message>
        <source>Plane after</source>
        <translation>平面经过</translation>
    </message>
    <message>
        <source>drawn in output dims</source>
        <translation>画在输出维度</translation>
    </message>
    <message>
        <source>Waiting for the first snapshot…</source>
        <translation>正在等待第一个快照…</translation>
    </message>
    <message>
        <source>node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
    <message>
        <source>The geometry lesson draws the input plane, so it needs a design with 2 input features; this one has %1.
Open a 2-D example (File &gt; Examples &gt; moons, spiral or bilinear_xor), or set the input to 2 features with a 2-D dataset (moons, circles, xor, spiral, blobs).</source>
        <translation>几何课画的是输入平面，所以需要有 2 个输入特征的设计；这个设计有 %1 个。
请打开一个二维示例（文件 &gt; 示例 &gt; moons、spiral 或 bilinear_xor），或者用二维数据集（moons、circles、xor、spiral、blobs）把输入设为 2 个特征。</translation>
    </message>
    <message>
        <source>The network&apos;s lazy layers have not seen data yet: press Step.</source>
        <translation>网络的惰性（Lazy）层还没见过数据：请按“单步”。</translation>
    </message>
    <message>
        <source>y[:, %1]</source>
        <translation>y[:, %1]</translation>
    </message>
    <message>
        <source>input plane (x[:, 0], x[:, 1])</source>
        <translation>输入平面（x[:, 0], x[:, 1]）</translation>
    </message>
    <message>
        <source>node %1&apos;s output (y[:, %2], y[:, %3] of %4)</source>
        <translation>节点 %1 的输出（%4 维中的 y[:, %2], y[:, %3]）</translation>
    </message>
    <message>
        <source>node %1&apos;s output (1-D: a line)</source>
        <translation>节点 %1 的输出（一维：一条线）</translation>
    </message>
    <message>
        <source>%1 bends the plane (node %2)</source>
        <translation>%1 把平面弯曲了（节点 %2）</translation>
    </message>
    <message>
        <source>x Aᵀ + b: node %1&apos;s output</source>
        <translation>x Aᵀ + b：节点 %1 的输出</translation>
    </message>
    <message>
        <source>from x to x Aᵀ + b</source>
        <translation>从 x 到 x Aᵀ + b</translation>
    </message>
    <message>
        <source>turning by Vᵀ</source>
        <translation>由 Vᵀ 旋转</translation>
    </message>
    <message>
        <source>scaling by Σ</source>
        <translation>由 Σ 缩放</translation>
    </message>
    <message>
        <source>reflecting by U</source>
        <translation>由 U 反射</translation>
    </message>
    <message>
        <source>turning by U</source>
        <translation>由 U 旋转</translation>
    </message>
    <message>
        <source>shifting by b</source>
        <translation>由 b 平移</translation>
    </message>
    <message>
        <source>The plane after nodes 0–%1. Choose a Linear that reads the plane (in_features = 2) to see its weight as turn, scale, turn.</source>
        <translation>经过节点 0–%1 后的平面。选择一个读取该平面的 Linear（in_features = 2），就能把它的权重看成旋转、缩放、再旋转。</translation>
    </message>
    <message>
        <source>node %1: A (%2, 2) = U Σ Vᵀ, so x Aᵀ + b is</source>
        <translation>节点 %1：A (%2, 2) = U Σ Vᵀ，所以 x Aᵀ + b 就是</translation>
    </message>
    <message>
        <source>1. Vᵀ turns the plane by %1</source>
        <translation>1. Vᵀ 把平面旋转 %1</translation>
    </message>
    <message>
        <source>2. Σ scales its axes by %1</source>
        <translation>2. Σ 把坐标轴缩放 %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <source>3. U reflects it across the line at %1</source>
        <translation>3. U 沿 %1 方向的直线把它反射</translation>
    </message>
    <message>
        <source>3. U turns it by %1</source>
        <translation>3. U 把它旋转 %1</translation>
    </message>
    <message>
        <source>3. U (%1, %1) sets it in the %1-D output</source>
        <translation>3. U (%1, %1) 把它放进 %1 维输出</translation>
    </message>
    <message>
        <source>4. + b shifts it by (%1)</source>
        <translation>4. + b 把它平移 (%1)</translation>
    </message>
    <message>
        <source>4. no bias (bias=False): no shift</source>
        <translation>4. 没有偏置（bias=False）：不平移</translation>
    </message>
    <message>
        <source>A is not square: no determinant</source>
        <translation>A 不是方阵：没有行列式</translation>
    </message>
    <message>
        <source>det A &gt; 0: orientation kept</source>
        <translation>det A &gt; 0：方向保持不变</translation>
    </message>
    <message>
        <source>det A &lt; 0: a reflection</source>
        <translation>det A &lt; 0：是一次反射</translation>
    </message>
    <message>
        <source>det A = 0: the plane is flattened</source>
        <translation>det A = 0：平面被压扁了</translation>
    </message>
    <message>
        <source>%1; rank %2 (torch.linalg.matrix_rank)</source>
        <translation>%1；秩为 %2（torch.linalg.matrix_rank）</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::HeatmapCursor</name>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Heatmap of %1</source>
        <translation>%1 的热力图</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::HelpMenu</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>欢迎(&amp;W)</translation>
    </message>
    <message>
        <source>Take the &amp;Tour</source>
        <translation>导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts...</source>
        <translation>键盘快捷键(&amp;K)...</translation>
    </message>
    <message>
        <source>&amp;About LinearLab</source>
        <translation>关于 LinearLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::InitHistogram</name>
    <message>
        <source>Histogram of the initial weights</source>
        <translation>初始权重的直方图</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::InitLesson</name>
    <message>
        <source>N(%1, %2²) cut to [%3, %4]</source>
        <translation>N(%1, %2²) 截断到 [%3, %4]</translation>
    </message>
    <message>
        <source>the constant %1</source>
        <translation>常数 %1</translation>
    </message>
    <message>
        <source>the identity</source>
        <translation>单位矩阵</translation>
    </message>
    <message>
        <source>an orthogonal matrix times %1</source>
        <translation>正交矩阵乘以 %1</translation>
    </message>
    <message>
        <source>Select a layer with a weight, and its initial values are explained here once the run has them.</source>
        <translation>选择一个有权重的层，运行得到初始值后，这里会讲解它们。</translation>
    </message>
    <message>
        <source>Node %1: %2. Its reset_parameters() draws the weight and bias when the layer is built.</source>
        <translation>节点 %1：%2。构建该层时，它的 reset_parameters() 会抽取权重和偏置。</translation>
    </message>
    <message>
        <source>%1 %2 ~ %3
%4
%5
Bars: its %6 initial values; line: what %3 expects in each bin.</source>
        <translation>%1 %2 ~ %3
%4
%5
柱形：它的 %6 个初始值；曲线：%3 在每个区间的期望数量。</translation>
    </message>
    <message>
        <source>%1 %2 ~ %3: %4, %5</source>
        <translation>%1 %2 ~ %3：%4，%5</translation>
    </message>
    <message>
        <source>No bias (bias=False).</source>
        <translation>没有偏置（bias=False）。</translation>
    </message>
    <message>
        <source>The seed makes these exact numbers: in PyTorch, &lt;pre&gt;torch.manual_seed(%1)
model = ...  # the layers in this order, as File &amp;gt; Export PyTorch Code writes them
model.state_dict()[&apos;%2&apos;]%3
%4&lt;/pre&gt;draws the same values, bit for bit.</source>
        <translation>随机种子决定了这些确切的数值：在 PyTorch 中，&lt;pre&gt;torch.manual_seed(%1)
model = ...  # 按这个顺序的各层，与“文件 &amp;gt; 导出 PyTorch 代码”写出的一致
model.state_dict()[&apos;%2&apos;]%3
%4&lt;/pre&gt;会抽出完全相同的值，逐位一致。</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>初始化</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::LearnPanel</name>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::LossChartWidget</name>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss chart</source>
        <translation>损失曲线图</translation>
    </message>
    <message>
        <source>Learning rate chart</source>
        <translation>学习率曲线图</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::MainWindow</name>
    <message>
        <source>Training stopped: %1</source>
        <translation>训练已停止：%1</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One batch, then pause (S)</source>
        <translation>训练一个批次后暂停（S）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the seeded initial weights (R)</source>
        <translation>回到由随机种子生成的初始权重（R）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Inspect Weights File...</source>
        <translation>查看权重文件(&amp;I)...</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <source>Opening an example</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Export Weights...</source>
        <translation>导出权重(&amp;E)...</translation>
    </message>
    <message>
        <source>Export PyTorch &amp;Code...</source>
        <translation>导出 PyTorch 代码(&amp;C)...</translation>
    </message>
    <message>
        <source>A .py with build_model(), load_weights() and a training script for this design</source>
        <translation>为这个设计生成一个 .py：包含 build_model()、load_weights() 和训练脚本</translation>
    </message>
    <message>
        <source>Export &amp;Dataset...</source>
        <translation>导出数据集(&amp;D)...</translation>
    </message>
    <message>
        <source>The design&apos;s data as an .npz, split as training splits it</source>
        <translation>把设计的数据导出为 .npz，按训练时的方式划分</translation>
    </message>
    <message>
        <source>Export &amp;Chart as PNG...</source>
        <translation>将图表导出为 PNG(&amp;C)...</translation>
    </message>
    <message>
        <source>loss chart</source>
        <translation>损失曲线图</translation>
    </message>
    <message>
        <source>Export &amp;Heatmaps as PNG...</source>
        <translation>将热力图导出为 PNG(&amp;H)...</translation>
    </message>
    <message>
        <source>heatmaps</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Export &amp;Output View as PNG...</source>
        <translation>将输出视图导出为 PNG(&amp;O)...</translation>
    </message>
    <message>
        <source>output view</source>
        <translation>输出视图</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)...</translation>
    </message>
    <message>
        <source>The memory limit designs and datasets are checked against</source>
        <translation>检查设计和数据集时所用的内存上限</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
    <message>
        <source>The trained weights were not kept: %1</source>
        <translation>训练得到的权重没有保留：%1</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The design cannot be built: %1</source>
        <translation>无法构建该设计：%1</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格）</translation>
    </message>
    <message>
        <source>Train until paused (Space)</source>
        <translation>一直训练直到暂停（空格）</translation>
    </message>
    <message>
        <source>cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1[*] - LinearLab</source>
        <translation>%1[*] - LinearLab</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>第 %1 次运行</translation>
    </message>
    <message>
        <source>epoch %1  step %2  loss %3  %4 steps/s</source>
        <translation>轮次 %1  步 %2  损失 %3  %4 步/秒</translation>
    </message>
    <message>
        <source>Quitting</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>LinearLab projects (*.linearlab)</source>
        <translation>LinearLab 项目 (*.linearlab)</translation>
    </message>
    <message>
        <source>LinearLab designs (*.linearlab.json)</source>
        <translation>LinearLab 设计 (*.linearlab.json)</translation>
    </message>
    <message>
        <source>Loaded weights from %1</source>
        <translation>已从 %1 载入权重</translation>
    </message>
    <message>
        <source>Cannot load %1</source>
        <translation>无法载入 %1</translation>
    </message>
    <message>
        <source>The weights do not fit the current design:
%1</source>
        <translation>这些权重与当前设计不匹配：
%1</translation>
    </message>
    <message>
        <source>Inspect File</source>
        <translation>查看文件</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>恢复未保存的工作吗？</translation>
    </message>
    <message>
        <source>LinearLab did not close normally. Recover the work autosaved at %1?</source>
        <translation>LinearLab 上次没有正常关闭。要恢复 %1 自动保存的工作吗？</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>The autosaved work cannot be read: %1</source>
        <translation>无法读取自动保存的工作：%1</translation>
    </message>
    <message>
        <source>Inspect Weights File</source>
        <translation>查看权重文件</translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.pt *.pth *.npz *.npy *.json *.csv);;All files (*)</source>
        <translation>权重 (*.safetensors *.pt *.pth *.npz *.npy *.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved %1 without weights: the design cannot be built (%2)</source>
        <translation>已保存 %1，但不含权重：无法构建该设计（%2）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Opening a file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Projects, designs and weights (*.linearlab *.linearlab.json *.json *.safetensors *.pt *.pth *.npz *.npy *.csv);;%1;;%2;;All files (*)</source>
        <translation>项目、设计和权重 (*.linearlab *.linearlab.json *.json *.safetensors *.pt *.pth *.npz *.npy *.csv);;%1;;%2;;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export weights</source>
        <translation>无法导出权重</translation>
    </message>
    <message>
        <source>There are no weights yet</source>
        <translation>还没有权重</translation>
    </message>
    <message>
        <source>Exported weights to %1</source>
        <translation>已将权重导出到 %1</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation>safetensors (*.safetensors)</translation>
    </message>
    <message>
        <source>PyTorch state dict (*.pt)</source>
        <translation>PyTorch state dict (*.pt)</translation>
    </message>
    <message>
        <source>NumPy archive (*.npz)</source>
        <translation>NumPy 归档 (*.npz)</translation>
    </message>
    <message>
        <source>NumPy array, one tensor (*.npy)</source>
        <translation>NumPy 数组，单个张量 (*.npy)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>Cannot export code</source>
        <translation>无法导出代码</translation>
    </message>
    <message>
        <source>Exported PyTorch code to %1</source>
        <translation>已将 PyTorch 代码导出到 %1</translation>
    </message>
    <message>
        <source>Cannot export the dataset</source>
        <translation>无法导出数据集</translation>
    </message>
    <message>
        <source>Exported the dataset to %1</source>
        <translation>已将数据集导出到 %1</translation>
    </message>
    <message>
        <source>Export Dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <source>Export PyTorch Code</source>
        <translation>导出 PyTorch 代码</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python (*.py)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>The design has changed.</source>
        <translation>设计已更改。</translation>
    </message>
    <message>
        <source>The trained weights (step %1) are not saved.</source>
        <translation>训练得到的权重（第 %1 步）尚未保存。</translation>
    </message>
    <message>
        <source>The trained weights are not saved.</source>
        <translation>训练得到的权重尚未保存。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>epoch %1  step %2  loss %3</source>
        <translation>轮次 %1  步 %2  损失 %3</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NetworkDiagram</name>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove the selected node (Delete)</source>
        <translation>删除选中的节点（Delete）</translation>
    </message>
    <message>
        <source>Move the selected node up (or drag it)</source>
        <translation>把选中的节点上移（或拖动它）</translation>
    </message>
    <message>
        <source>Move the selected node down (or drag it)</source>
        <translation>把选中的节点下移（或拖动它）</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>Set %1 of node %2</source>
        <translation>设置节点 %2 的 %1</translation>
    </message>
    <message>
        <source>Draw the network as units and weights</source>
        <translation>把网络画成单元和权重</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Remove node %1 (%2)</source>
        <translation>删除节点 %1（%2）</translation>
    </message>
    <message>
        <source>Move node %1 to %2</source>
        <translation>把节点 %1 移到 %2</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Add Layer...</source>
        <translation>添加层...</translation>
    </message>
    <message>
        <source>Choose a layer to add after the selected node</source>
        <translation>选择要加在所选节点之后的层</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NeuronLesson</name>
    <message>
        <source>Each circle is one unit (an output feature), each line one weight: red positive, blue negative, thicker for larger |weight|. For 2-D inputs a unit shows its output over the input plane. Hover a line for its name in the state dict.</source>
        <translation>每个圆是一个单元（一个输出特征），每条线是一个权重：红色为正，蓝色为负，|weight| 越大线越粗。输入为二维时，单元会显示它在输入平面上的输出。把鼠标悬停在线上可以看到它在 state dict 中的名字。</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NeuronView</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>node %1 has no known shape</source>
        <translation>节点 %1 的形状未知</translation>
    </message>
    <message>
        <source>the input has %1 features; the neuron view draws layers up to %2 units wide</source>
        <translation>输入有 %1 个特征；神经元视图只画宽度不超过 %2 个单元的层</translation>
    </message>
    <message>
        <source>node %1 has %2 units; the neuron view draws layers up to %3 units wide</source>
        <translation>节点 %1 有 %2 个单元；神经元视图只画宽度不超过 %3 个单元的层</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>没有网络</translation>
    </message>
    <message>
        <source>No neuron view: %1.</source>
        <translation>无法显示神经元视图：%1。</translation>
    </message>
    <message>
        <source>Network as neurons</source>
        <translation>以神经元显示的网络</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeBlock</name>
    <message>
        <source>output ?</source>
        <translation>输出 ?</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message numerus="yes">
        <source>%L1 params</source>
        <translation>
            <numerusform>%L1 个参数</numerusform>
        </translation>
    </message>
    <message>
        <source>No nonlinearity between these nodes: together they compute one Linear, W = W₂W₁, b = W₂b₁ + b₂ (linearlab-cli collapse writes it)</source>
        <translation>这些节点之间没有非线性：它们合起来计算的是一个 Linear，W = W₂W₁，b = W₂b₁ + b₂（linearlab-cli collapse 可以写出它）</translation>
    </message>
    <message>
        <source>Node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeEditor</name>
    <message>
        <source>(design&apos;s init)</source>
        <translation>（设计的初始化）</translation>
    </message>
    <message>
        <source>init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <source>Select a node to edit its arguments.</source>
        <translation>选择一个节点来编辑它的参数。</translation>
    </message>
    <message>
        <source>(%1): %2</source>
        <translation>(%1): %2</translation>
    </message>
    <message>
        <source>Arguments of the selected node</source>
        <translation>所选节点的参数</translation>
    </message>
    <message>
        <source>Identity in eval mode. While training, LinearLab draws its own mask from the run&apos;s generator and scales kept values by 1/(1-p) as PyTorch does, but PyTorch&apos;s Bernoulli mask is not reproduced bit for bit: only p=0 repeats a PyTorch run exactly.</source>
        <translation>在 eval 模式下等同于 Identity。训练时，LinearLab 用本次运行的生成器抽取自己的掩码，并像 PyTorch 一样把保留的值乘以 1/(1-p)；但 PyTorch 的 Bernoulli 掩码无法逐位复现：只有 p=0 时才能与 PyTorch 的运行完全一致。</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeInfo</name>
    <message>
        <source>node %1: %2</source>
        <translation>节点 %1：%2</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::OutputViewWidget</name>
    <message>
        <source>sample n</source>
        <translation>样本 n</translation>
    </message>
    <message>
        <source>output j</source>
        <translation>输出 j</translation>
    </message>
    <message>
        <source>No predictions yet</source>
        <translation>还没有预测</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Decision regions</source>
        <translation>决策区域</translation>
    </message>
    <message>
        <source>Prediction surface (scale ±%1)</source>
        <translation>预测曲面（刻度 ±%1）</translation>
    </message>
    <message>
        <source>Fitted curve</source>
        <translation>拟合曲线</translation>
    </message>
    <message>
        <source>Predicted vs target (output[:, 0]), and the outputs %1</source>
        <translation>预测值对目标值（output[:, 0]）及输出 %1</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>Output view</source>
        <translation>输出视图</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Predicted vs target (output[:, 0])</source>
        <translation>预测值对目标值（output[:, 0]）</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>e.g. 4G, 512M, 1.5GiB</source>
        <translation>例如 4G、512M、1.5GiB</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>内存上限</translation>
    </message>
    <message>
        <source>Default: half the physical memory (%1)</source>
        <translation>默认：物理内存的一半（%1）</translation>
    </message>
    <message>
        <source>A design or dataset that would need more (parameters and their training copies, batches, data) is refused before anything is allocated, and the node or setting says why. Units are powers of 1024.</source>
        <translation>需要更多内存（参数及其训练副本、批次、数据）的设计或数据集会在分配任何内存之前被拒绝，相应的节点或设置会说明原因。单位按 1024 的幂计算。</translation>
    </message>
    <message>
        <source>Training threads</source>
        <translation>训练线程数</translation>
    </message>
    <message>
        <source>Large matrix products (from about 128×128×128 multiply-adds) use these threads; smaller ones use one. The default, every core but one (%1), leaves the window a core to stay responsive on.</source>
        <translation>大的矩阵乘法（约 128×128×128 次乘加以上）使用这些线程；较小的只用一个。默认值是除一个核心外的所有核心（%1），留出一个核心让窗口保持响应。</translation>
    </message>
    <message>
        <source>This build has no OpenBLAS: every product uses one thread.</source>
        <translation>此版本未使用 OpenBLAS：每次矩阵乘法都只用一个线程。</translation>
    </message>
    <message>
        <source>Expected a size such as 4G, 512M, 1.5GiB or a number of bytes</source>
        <translation>应为 4G、512M、1.5GiB 这样的大小，或字节数</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SchedulerSettings</name>
    <message>
        <source>Scheduler</source>
        <translation>学习率调度器</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>torch.optim.lr_scheduler: stepped after each epoch, OneCycleLR after each batch, ReduceLROnPlateau on the validation loss</source>
        <translation>torch.optim.lr_scheduler：每轮之后调用 step，OneCycleLR 在每个批次之后，ReduceLROnPlateau 根据验证损失</translation>
    </message>
    <message>
        <source>lr_scheduler</source>
        <translation>lr_scheduler</translation>
    </message>
    <message>
        <source>Set lr_scheduler to %1</source>
        <translation>把 lr_scheduler 设为 %1</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>设置 %1</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SettingsPanel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Import CSV...</source>
        <translation>导入 CSV...</translation>
    </message>
    <message>
        <source>Use dataset</source>
        <translation>使用数据集</translation>
    </message>
    <message>
        <source>Train on the generated dataset again instead of the file</source>
        <translation>改回用生成的数据集训练，而不是文件</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>in_features</source>
        <translation>in_features</translation>
    </message>
    <message>
        <source>teacher out_features</source>
        <translation>教师 out_features</translation>
    </message>
    <message>
        <source>validation_split</source>
        <translation>validation_split</translation>
    </message>
    <message>
        <source>Set dataset to %1</source>
        <translation>把数据集设为 %1</translation>
    </message>
    <message>
        <source>Use the generated dataset</source>
        <translation>使用生成的数据集</translation>
    </message>
    <message>
        <source>Set samples</source>
        <translation>设置样本数</translation>
    </message>
    <message>
        <source>Set data seed</source>
        <translation>设置数据种子</translation>
    </message>
    <message>
        <source>Set noise</source>
        <translation>设置噪声</translation>
    </message>
    <message>
        <source>Set classes</source>
        <translation>设置类别数</translation>
    </message>
    <message>
        <source>Set in_features of the data</source>
        <translation>设置数据的 in_features</translation>
    </message>
    <message>
        <source>Set the teacher&apos;s out_features</source>
        <translation>设置教师网络的 out_features</translation>
    </message>
    <message>
        <source>Set validation_split</source>
        <translation>设置 validation_split</translation>
    </message>
    <message>
        <source>DataLoader</source>
        <translation>DataLoader</translation>
    </message>
    <message>
        <source>batch_size</source>
        <translation>batch_size</translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation>shuffle</translation>
    </message>
    <message>
        <source>drop_last</source>
        <translation>drop_last</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Set batch_size</source>
        <translation>设置 batch_size</translation>
    </message>
    <message>
        <source>Set shuffle</source>
        <translation>设置 shuffle</translation>
    </message>
    <message>
        <source>Set drop_last</source>
        <translation>设置 drop_last</translation>
    </message>
    <message>
        <source>Set epochs</source>
        <translation>设置轮数</translation>
    </message>
    <message>
        <source>Loss and optimizer</source>
        <translation>损失函数和优化器</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Set loss to %1</source>
        <translation>把损失函数设为 %1</translation>
    </message>
    <message>
        <source>Set %1 to %2</source>
        <translation>把 %1 设为 %2</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>设置 %1</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Set optimizer to %1</source>
        <translation>把优化器设为 %1</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Every layer&apos;s weight init; a layer&apos;s own choice (in the node editor) wins</source>
        <translation>每一层的权重初始化；层自己的选择（在节点编辑器中）优先</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <source>torch.manual_seed before the layers are built</source>
        <translation>构建各层之前调用的 torch.manual_seed</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>torch.set_default_dtype: what the network computes in</source>
        <translation>torch.set_default_dtype：网络计算所用的数据类型</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>Back to the seeded initial weights (a new run)</source>
        <translation>回到由随机种子生成的初始权重（开始新的运行）</translation>
    </message>
    <message>
        <source>Set weight init to %1</source>
        <translation>把权重初始化设为 %1</translation>
    </message>
    <message>
        <source>Set seed</source>
        <translation>设置随机种子</translation>
    </message>
    <message>
        <source>Set dtype to %1</source>
        <translation>把 dtype 设为 %1</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Throttle training to watch it step by step</source>
        <translation>放慢训练，一步一步地观察</translation>
    </message>
    <message>
        <source>%1 (target: %2)</source>
        <translation>%1（目标：%2）</translation>
    </message>
    <message>
        <source>last column</source>
        <translation>最后一列</translation>
    </message>
    <message>
        <source>none: the generated dataset</source>
        <translation>无：使用生成的数据集</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Single-key shortcuts work while a number field has the focus; a check box keeps Space, which toggles it. In the network diagram, Up/Down and Home/End select a node and Delete removes it.</source>
        <translation>数字输入框获得焦点时，单键快捷键仍然有效；复选框保留空格键，用来切换勾选。在网络图中，上/下键和 Home/End 选择节点，Delete 删除节点。</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SpeedControl</name>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>慢速</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>观察</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>Slow: %1, one step at a time</source>
        <translation>慢速：%1，一步一步看</translation>
    </message>
    <message>
        <source>Watch: %1, to see it learn</source>
        <translation>观察：%1，看它如何学习</translation>
    </message>
    <message>
        <source>Fast: %1, full speed</source>
        <translation>全速：%1，不限速</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::StaleBanner</name>
    <message>
        <source>The last network that could be built; fix the design to train again</source>
        <translation>这是最后一个能构建的网络；修正设计后才能再次训练</translation>
    </message>
    <message>
        <source>Not the current design: %1</source>
        <translation>不是当前的设计：%1</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::StepLesson</name>
    <message>
        <source>SGD without momentum: A ← A − lr·∂L/∂A, so the update is −lr·grad.</source>
        <translation>不带动量的 SGD：A ← A − lr·∂L/∂A，所以更新量是 −lr·grad。</translation>
    </message>
    <message>
        <source>SGD with momentum or weight_decay: it adds weight_decay·A to the gradient and steps along its momentum buffer buf ← momentum·buf + (1 − dampening)·grad, so the update is −lr·buf, not −lr·grad.</source>
        <translation>带 momentum 或 weight_decay 的 SGD：它把 weight_decay·A 加到梯度上，并沿动量缓冲 buf ← momentum·buf + (1 − dampening)·grad 前进，所以更新量是 −lr·buf，而不是 −lr·grad。</translation>
    </message>
    <message>
        <source>%1: it keeps running averages of the gradient (m) and of its square (v) and steps by about −lr·m̂/(√v̂ + eps), so every weight moves by roughly lr whatever its gradient&apos;s size.</source>
        <translation>%1：它维护梯度（m）及其平方（v）的滑动平均，每步大约走 −lr·m̂/(√v̂ + eps)，所以无论梯度大小，每个权重大约都移动 lr。</translation>
    </message>
    <message>
        <source>RMSprop: it divides the gradient by the root of a running average of its square, update ≈ −lr·grad/(√v + eps).</source>
        <translation>RMSprop：它用梯度平方的滑动平均的平方根去除梯度，更新量 ≈ −lr·grad/(√v + eps)。</translation>
    </message>
    <message>
        <source>Adagrad: it divides the gradient by the root of the sum of all its squares so far, update = −clr·grad/(√sum + eps).</source>
        <translation>Adagrad：它用到目前为止所有梯度平方之和的平方根去除梯度，更新量 = −clr·grad/(√sum + eps)。</translation>
    </message>
    <message>
        <source>%1: the update follows from the gradient and the optimizer&apos;s state.</source>
        <translation>%1：更新量由梯度和优化器的状态决定。</translation>
    </message>
    <message>
        <source>No step yet. Train, or press Step (S) to take one, and this shows the gradients of that step and what the optimizer did with them.</source>
        <translation>还没有走过一步。开始训练，或按“单步”（S）走一步，这里就会显示那一步的梯度，以及优化器如何使用它们。</translation>
    </message>
    <message>
        <source>∂L/∂A after the first step</source>
        <translation>第一步之后的 ∂L/∂A</translation>
    </message>
    <message>
        <source>A_after − A_before</source>
        <translation>A_after − A_before</translation>
    </message>
    <message>
        <source>Step %1 of node %2, %3: loss %4 on a batch of N = %5.</source>
        <translation>节点 %2（%3）的第 %1 步：在 N = %5 的批次上损失为 %4。</translation>
    </message>
    <message>
        <source>y[n, k] = x1[n]ᵀ A[k] x2[n] + b[k], gradY = ∂L/∂y (%1, %2).
∂L/∂A[k] = Σₙ gradY[n, k] · x1[n] x2[n]ᵀ: %3
∂L/∂b = Σₙ gradY[n]: (%2,)
Shown: %4.grad[0], slice k = 0 of %3.</source>
        <translation>y[n, k] = x1[n]ᵀ A[k] x2[n] + b[k]，gradY = ∂L/∂y (%1, %2)。
∂L/∂A[k] = Σₙ gradY[n, k] · x1[n] x2[n]ᵀ：%3
∂L/∂b = Σₙ gradY[n]：(%2,)
显示的是：%4.grad[0]，即 %3 的切片 k = 0。</translation>
    </message>
    <message>
        <source>y = x Aᵀ + b: x (%1, %2), A %3, gradY = ∂L/∂y (%1, %4).
∂L/∂A = gradYᵀ x: (%4, %1) @ (%1, %2) → (%4, %2)
∂L/∂b = Σₙ gradY[n]: (%1, %4) summed over n → (%4,)
Left: %5.grad, rows out_features j, columns in_features i.</source>
        <translation>y = x Aᵀ + b：x (%1, %2)，A %3，gradY = ∂L/∂y (%1, %4)。
∂L/∂A = gradYᵀ x：(%4, %1) @ (%1, %2) → (%4, %2)
∂L/∂b = Σₙ gradY[n]：(%1, %4) 对 n 求和 → (%4,)
左图：%5.grad，行是 out_features j，列是 in_features i。</translation>
    </message>
    <message>
        <source>%1. %2
The update A_after − A_before shows once a second snapshot of this run arrives: pause, then press Step (S).</source>
        <translation>%1。%2
这次运行的第二个快照到达后，才会显示更新量 A_after − A_before：请先暂停，再按“单步”（S）。</translation>
    </message>
    <message>
        <source>Right: A_after − A_before over one step (%1 → %2).</source>
        <translation>右图：一步内的 A_after − A_before（%1 → %2）。</translation>
    </message>
    <message>
        <source>Right: A_after − A_before over %1 steps (%2 → %3): to see one step, pause and press Step (S).</source>
        <translation>右图：%1 步内的 A_after − A_before（%2 → %3）：要看单独一步，请暂停后按“单步”（S）。</translation>
    </message>
    <message>
        <source>
It equals −lr·grad = −%1·%2.grad: the largest |update + lr·grad| is %3 (float32 rounding).</source>
        <translation>
它等于 −lr·grad = −%1·%2.grad：最大的 |update + lr·grad| 是 %3（float32 舍入误差）。</translation>
    </message>
    <message>
        <source>%1. %2
%3%4</source>
        <translation>%1。%2
%3%4</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>单步</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SummaryPanel</name>
    <message>
        <source>Layer (type)</source>
        <translation>层（类型）</translation>
    </message>
    <message>
        <source>Output Shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数数量</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::Tour</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Train&lt;/b&gt;</source>
        <translation>&lt;b&gt;1. 训练&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Train&lt;/b&gt; (%1). The loss falls in the Loss chart and the weights change in the heatmap; press it again to pause.</source>
        <translation>按&lt;b&gt;训练&lt;/b&gt;（%1）。损失图中的损失会下降，热图中的权重会变化；再按一次即可暂停。</translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Read a weight&lt;/b&gt;</source>
        <translation>&lt;b&gt;2. 读一个权重&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Hover a cell of the weight heatmap: row j, column i is A[j, i], the weight from input i to output j.</source>
        <translation>把鼠标移到权重热图的一个格子上：第 j 行第 i 列是 A[j, i]，即输入 i 到输出 j 的权重。</translation>
    </message>
    <message>
        <source>&lt;b&gt;3. Add a layer&lt;/b&gt;</source>
        <translation>&lt;b&gt;3. 添加一层&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Add layer&lt;/b&gt; appends a layer to the network; its shapes follow from the layer before it.</source>
        <translation>&lt;b&gt;添加层&lt;/b&gt;会在网络末尾追加一层；它的形状由前一层推出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;4. Export&lt;/b&gt;</source>
        <translation>&lt;b&gt;4. 导出&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export Weights&lt;/b&gt; writes the trained weights for PyTorch (.pt, .safetensors, .npz); File &amp;gt; Export PyTorch Code writes the model as a script.</source>
        <translation>&lt;b&gt;导出权重&lt;/b&gt;把训练得到的权重写成 PyTorch 可读的文件（.pt、.safetensors、.npz）；文件 &amp;gt; 导出 PyTorch 代码会把模型写成脚本。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::TrainingToolBar</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>更多工具</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::TrainingWorker</name>
    <message>
        <source>training stopped on an unknown error</source>
        <translation>训练因未知错误而停止</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::WeightsInspector</name>
    <message>
        <source>Inspect Weights</source>
        <translation>查看权重</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Inspect Weights - %1</source>
        <translation>查看权重 - %1</translation>
    </message>
    <message>
        <source>The file holds no tensors.</source>
        <translation>该文件中没有张量。</translation>
    </message>
    <message>
        <source>no heatmap for a %1-D tensor with %2 elements</source>
        <translation>无法为含 %2 个元素的 %1 维张量绘制热力图</translation>
    </message>
    <message>
        <source>too large to draw: %1 elements (at most %2)</source>
        <translation>太大，无法绘制：%1 个元素（至多 %2 个）</translation>
    </message>
    <message>
        <source>output j</source>
        <translation>输出 j</translation>
    </message>
    <message>
        <source>index i</source>
        <translation>索引 i</translation>
    </message>
    <message>
        <source>input i</source>
        <translation>输入 i</translation>
    </message>
    <message>
        <source>dim 0</source>
        <translation>维度 0</translation>
    </message>
    <message>
        <source>dim 1</source>
        <translation>维度 1</translation>
    </message>
    <message>
        <source>%1[%2]</source>
        <translation>%1[%2]</translation>
    </message>
    <message>
        <source>one slice %1[k] per k (rows input1 i, columns input2 j), all on the scale ±%2</source>
        <translation>每个 k 一个切片 %1[k]（行是 input1 i，列是 input2 j），全部使用 ±%2 的刻度</translation>
    </message>
    <message>
        <source>; showing %1 of %2 slices</source>
        <translation>；显示了 %2 个切片中的 %1 个</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::WeightsPanel</name>
    <message>
        <source>not initialised — in_features is inferred from the first batch</source>
        <translation>尚未初始化——in_features 由第一个批次推断</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Change since initialisation</source>
        <translation>自初始化以来的变化</translation>
    </message>
    <message>
        <source>Transposed (y = xW + b)</source>
        <translation>转置（y = xW + b）</translation>
    </message>
    <message>
        <source>Show Linear weights as (in_features, out_features) instead of PyTorch&apos;s layout</source>
        <translation>把 Linear 的权重显示为 (in_features, out_features)，而不是 PyTorch 的布局</translation>
    </message>
    <message>
        <source>No network yet</source>
        <translation>还没有网络</translation>
    </message>
    <message>
        <source>output j</source>
        <translation>输出 j</translation>
    </message>
    <message>
        <source>input i</source>
        <translation>输入 i</translation>
    </message>
    <message>
        <source>channel c</source>
        <translation>通道 c</translation>
    </message>
    <message>
        <source>output feature %1</source>
        <translation>输出特征 %1</translation>
    </message>
    <message>
        <source>output k</source>
        <translation>输出 k</translation>
    </message>
    <message>
        <source>slice k = output k: rows input1 i, columns input2 j</source>
        <translation>切片 k = 输出 k：行是 input1 i，列是 input2 j</translation>
    </message>
    <message>
        <source>; showing %1 of %2 output features</source>
        <translation>；显示了 %2 个输出特征中的 %1 个</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Weight of node %1, %2</source>
        <translation>节点 %1 的权重，%2</translation>
    </message>
    <message>
        <source>%1 of node %2, %3</source>
        <translation>节点 %2 的 %1，%3</translation>
    </message>
    <message>
        <source>Weight slice %1 of node %2, %3</source>
        <translation>节点 %2 的权重切片 %1，%3</translation>
    </message>
    <message>
        <source>Bias of node %1, %2</source>
        <translation>节点 %1 的偏置，%2</translation>
    </message>
</context>
<context>
    <name>linearlab::ui::WelcomePanel</name>
    <message>
        <source>Take the &amp;Tour</source>
        <translation>开始导览(&amp;T)</translation>
    </message>
    <message>
        <source>Four steps: train, hover a weight, add a layer, export</source>
        <translation>四步：训练、查看一个权重、添加一层、导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Show at startup</source>
        <translation>启动时显示</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to LinearLab.&lt;/b&gt; This design has no Linear layer for this panel to describe; File &amp;gt; New opens the seed example, one Linear layer.</source>
        <translation>&lt;b&gt;欢迎使用 LinearLab。&lt;/b&gt;这个设计中没有可供本面板说明的 Linear 层；文件 &amp;gt; 新建会打开种子示例，它只有一个 Linear 层。</translation>
    </message>
    <message>
        <source>y = xAᵀ + b</source>
        <translation>y = xAᵀ + b</translation>
    </message>
    <message>
        <source>y = xAᵀ</source>
        <translation>y = xAᵀ</translation>
    </message>
    <message>
        <source>This design starts with</source>
        <translation>这个设计的第一层是</translation>
    </message>
    <message>
        <source>Node %1 of this design is</source>
        <translation>这个设计的节点 %1 是</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to LinearLab.&lt;/b&gt; %1 &lt;code&gt;%2&lt;/code&gt;, which computes &lt;b&gt;%3&lt;/b&gt; for each batch of %4 samples:</source>
        <translation>&lt;b&gt;欢迎使用 LinearLab。&lt;/b&gt;%1 &lt;code&gt;%2&lt;/code&gt;，它对每个含 %4 个样本的批次计算 &lt;b&gt;%3&lt;/b&gt;：</translation>
    </message>
    <message>
        <source>x, the input</source>
        <translation>x，输入</translation>
    </message>
    <message>
        <source>%1×%2</source>
        <translation>%1×%2</translation>
    </message>
    <message>
        <source>%1 samples × in_features %2</source>
        <translation>%1 个样本 × in_features %2</translation>
    </message>
    <message>
        <source>A, the weight</source>
        <translation>A，权重</translation>
    </message>
    <message>
        <source>out_features %1 × in_features %2</source>
        <translation>out_features %1 × in_features %2</translation>
    </message>
    <message>
        <source>b, the bias</source>
        <translation>b，偏置</translation>
    </message>
    <message>
        <source>out_features %1</source>
        <translation>out_features %1</translation>
    </message>
    <message>
        <source>y, the output</source>
        <translation>y，输出</translation>
    </message>
    <message>
        <source>%1 samples × out_features %2</source>
        <translation>%1 个样本 × out_features %2</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Train&lt;/b&gt;%1 and watch the loss fall and the weights change.&lt;br&gt;&lt;b&gt;Step&lt;/b&gt;%2 trains one batch, then pauses.&lt;br&gt;Hover a weight in the Weights heatmap to read A[j, i].&lt;br&gt;The &lt;b&gt;Learn&lt;/b&gt; dock explains y = xAᵀ + b with these numbers.</source>
        <translation>按&lt;b&gt;训练&lt;/b&gt;%1，看损失下降、权重变化。&lt;br&gt;&lt;b&gt;单步&lt;/b&gt;%2 训练一个批次后暂停。&lt;br&gt;把鼠标移到权重热图上的一个权重，读出 A[j, i]。&lt;br&gt;&lt;b&gt;学习&lt;/b&gt;面板用这些数字讲解 y = xAᵀ + b。</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
</context>
</TS>
