<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinearLab shows the new language when it starts again. Restart now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::CollapseLesson</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layers yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.
Two Linear layers with nothing between them (or only Identity or Dropout) are one Linear: W = W₂W₁, b = W₂b₁ + b₂.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to collapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, b beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no nonlinearity between them, so x Wᵀ + b with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W = %1 : %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b = %1 : (%2,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no bias: every Linear of the run has bias=False</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 passes x through%2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (Dropout as in eval mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank %1 (at most %2, the narrowest width of the run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank at most %1, the narrowest width of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large to multiply on every step: linearlab-cli collapse computes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the first snapshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linearlab-cli collapse writes the design with this one Linear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::CsvImportDialog</name>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First rows of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class labels (CrossEntropyLoss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z-score each feature column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standardize</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::DiagramCanvas</name>
    <message>
        <source>input  [%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, rank ≤ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::DocumentController</name>
    <message>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them before %2?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ExplainerLesson</name>
    <message>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A as PyTorch stores it (out_features, in_features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the tutorial writes it (output = input * W + b)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s in_features is inferred from the first batch: take a step to see its A and b.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1&apos;s output (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design changed: its numbers follow with the rebuilt network&apos;s first snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The explainer shows the engine&apos;s numbers once the network is built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 is %2. Select a %3 node to see its y = xAᵀ + b.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a %1 node to see its y = xAᵀ + b.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y_k = x1ᵀ A_k x2 + b_k   (A = %1, slice k per output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output = input * W + b,   W = Aᵀ = %1.T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = xAᵀ + b,   A = %1, b = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = xAᵀ,   A = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N = %1: x is %2 for the first %1 training samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; a batch of %1 (batch.size) goes through the same A and b, one row per sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. An input (*, %1) flattens its leading dims into N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input1 i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input2 j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   (W[i, %1] = A[%1, i])</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ExplainerSum</name>
    <message numerus="yes">
        <source>(%n smaller terms: %1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linearlab::ui::GeometryLesson</name>
    <message>
        <source>Plane after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drawn in output dims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first snapshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The geometry lesson draws the input plane, so it needs a design with 2 input features; this one has %1.
Open a 2-D example (File &gt; Examples &gt; moons, spiral or bilinear_xor), or set the input to 2 features with a 2-D dataset (moons, circles, xor, spiral, blobs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network&apos;s lazy layers have not seen data yet: press Step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y[:, %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input plane (x[:, 0], x[:, 1])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1&apos;s output (y[:, %2], y[:, %3] of %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1&apos;s output (1-D: a line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bends the plane (node %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x Aᵀ + b: node %1&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from x to x Aᵀ + b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>turning by Vᵀ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scaling by Σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reflecting by U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>turning by U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shifting by b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plane after nodes 0–%1. Choose a Linear that reads the plane (in_features = 2) to see its weight as turn, scale, turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1: A (%2, 2) = U Σ Vᵀ, so x Aᵀ + b is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Vᵀ turns the plane by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Σ scales its axes by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. U reflects it across the line at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. U turns it by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. U (%1, %1) sets it in the %1-D output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. + b shifts it by (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. no bias (bias=False): no shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A is not square: no determinant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>det A &gt; 0: orientation kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>det A &lt; 0: a reflection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>det A = 0: the plane is flattened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; rank %2 (torch.linalg.matrix_rank)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::InitLesson</name>
    <message>
        <source>N(%1, %2²) cut to [%3, %4]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the constant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an orthogonal matrix times %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer with a weight, and its initial values are explained here once the run has them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1: %2. Its reset_parameters() draws the weight and bias when the layer is built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 ~ %3
%4
%5
Bars: its %6 initial values; line: what %3 expects in each bin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 ~ %3: %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bias (bias=False).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed makes these exact numbers: in PyTorch, &lt;pre&gt;torch.manual_seed(%1)
model = ...  # the layers in this order, as File &amp;gt; Export PyTorch Code writes them
model.state_dict()[&apos;%2&apos;]%3
%4&lt;/pre&gt;draws the same values, bit for bit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Init</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::LossChartWidget</name>
    <message>
        <source>train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::MainWindow</name>
    <message>
        <source>Training stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One batch, then pause (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the seeded initial weights (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inspect Weights File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening an example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Weights...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PyTorch &amp;Code...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .py with build_model(), load_weights() and a training script for this design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Dataset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design&apos;s data as an .npz, split as training splits it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Chart as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Heatmaps as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heatmaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Output View as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The memory limit designs and datasets are checked against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained weights were not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design cannot be built: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train until paused (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] - LinearLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1  step %2  loss %3  %4 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinearLab projects (*.linearlab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinearLab designs (*.linearlab.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded weights from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights do not fit the current design:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinearLab did not close normally. Recover the work autosaved at %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The autosaved work cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect Weights File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.pt *.pth *.npz *.npy *.json *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 without weights: the design cannot be built (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects, designs and weights (*.linearlab *.linearlab.json *.json *.safetensors *.pt *.pth *.npz *.npy *.csv);;%1;;%2;;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no weights yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported weights to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch state dict (*.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy archive (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy array, one tensor (*.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported PyTorch code to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the dataset to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PyTorch Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design has changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained weights (step %1) are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained weights are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NetworkDiagram</name>
    <message>
        <source>Add layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected node (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected node up (or drag it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected node down (or drag it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 of node %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the network as units and weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove node %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move node %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NeuronLesson</name>
    <message>
        <source>Each circle is one unit (an output feature), each line one weight: red positive, blue negative, thicker for larger |weight|. For 2-D inputs a unit shows its output over the input plane. Hover a line for its name in the state dict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NeuronView</name>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1 has no known shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the input has %1 features; the neuron view draws layers up to %2 units wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1 has %2 units; the neuron view draws layers up to %3 units wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No neuron view: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeBlock</name>
    <message>
        <source>output ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nonlinearity between these nodes: together they compute one Linear, W = W₂W₁, b = W₂b₁ + b₂ (linearlab-cli collapse writes it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeEditor</name>
    <message>
        <source>(design&apos;s init)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a node to edit its arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeInfo</name>
    <message>
        <source>node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::OutputViewWidget</name>
    <message>
        <source>sample n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No predictions yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction surface (scale ±%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted vs target (output[:, 0]), and the outputs %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 4G, 512M, 1.5GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: half the physical memory (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A design or dataset that would need more (parameters and their training copies, batches, data) is refused before anything is allocated, and the node or setting says why. Units are powers of 1024.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large matrix products (from about 128×128×128 multiply-adds) use these threads; smaller ones use one. The default, every core but one (%1), leaves the window a core to stay responsive on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no OpenBLAS: every product uses one thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a size such as 4G, 512M, 1.5GiB or a number of bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SchedulerSettings</name>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>torch.optim.lr_scheduler: stepped after each epoch, OneCycleLR after each batch, ReduceLROnPlateau on the validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr_scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set lr_scheduler to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SettingsPanel</name>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the generated dataset again instead of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in_features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher out_features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation_split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set dataset to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the generated dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set data seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set in_features of the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the teacher&apos;s out_features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set validation_split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DataLoader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch_size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop_last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set batch_size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set shuffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set drop_last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set loss to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set optimizer to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer&apos;s weight init; a layer&apos;s own choice (in the node editor) wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>torch.manual_seed before the layers are built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>torch.set_default_dtype: what the network computes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dtype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the seeded initial weights (a new run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set weight init to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set dtype to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throttle training to watch it step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (target: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: the generated dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::StaleBanner</name>
    <message>
        <source>The last network that could be built; fix the design to train again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not the current design: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::StepLesson</name>
    <message>
        <source>SGD without momentum: A ← A − lr·∂L/∂A, so the update is −lr·grad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD with momentum or weight_decay: it adds weight_decay·A to the gradient and steps along its momentum buffer buf ← momentum·buf + (1 − dampening)·grad, so the update is −lr·buf, not −lr·grad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: it keeps running averages of the gradient (m) and of its square (v) and steps by about −lr·m̂/(√v̂ + eps), so every weight moves by roughly lr whatever its gradient&apos;s size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSprop: it divides the gradient by the root of a running average of its square, update ≈ −lr·grad/(√v + eps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adagrad: it divides the gradient by the root of the sum of all its squares so far, update = −clr·grad/(√sum + eps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the update follows from the gradient and the optimizer&apos;s state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step yet. Train, or press Step (S) to take one, and this shows the gradients of that step and what the optimizer did with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂A after the first step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A_after − A_before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of node %2, %3: loss %4 on a batch of N = %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y[n, k] = x1[n]ᵀ A[k] x2[n] + b[k], gradY = ∂L/∂y (%1, %2).
∂L/∂A[k] = Σₙ gradY[n, k] · x1[n] x2[n]ᵀ: %3
∂L/∂b = Σₙ gradY[n]: (%2,)
Shown: %4.grad[0], slice k = 0 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = x Aᵀ + b: x (%1, %2), A %3, gradY = ∂L/∂y (%1, %4).
∂L/∂A = gradYᵀ x: (%4, %1) @ (%1, %2) → (%4, %2)
∂L/∂b = Σₙ gradY[n]: (%1, %4) summed over n → (%4,)
Left: %5.grad, rows out_features j, columns in_features i.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2
The update A_after − A_before shows once a second snapshot of this run arrives: pause, then press Step (S).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: A_after − A_before over one step (%1 → %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: A_after − A_before over %1 steps (%2 → %3): to see one step, pause and press Step (S).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
It equals −lr·grad = −%1·%2.grad: the largest |update + lr·grad| is %3 (float32 rounding).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2
%3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::SummaryPanel</name>
    <message>
        <source>Layer (type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Param #</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::TrainingWorker</name>
    <message>
        <source>training stopped on an unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::WeightsInspector</name>
    <message>
        <source>Inspect Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dtype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect Weights - %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no tensors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no heatmap for a %1-D tensor with %2 elements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large to draw: %1 elements (at most %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dim 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dim 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one slice %1[k] per k (rows input1 i, columns input2 j), all on the scale ±%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; showing %1 of %2 slices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>linearlab::ui::WeightsPanel</name>
    <message>
        <source>not initialised — in_features is inferred from the first batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change since initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transposed (y = xW + b)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Linear weights as (in_features, out_features) instead of PyTorch&apos;s layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel c</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output feature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slice k = output k: rows input1 i, columns input2 j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; showing %1 of %2 output features</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
