//! Hardware: named devices with their memory and (for weak ones) a compute cap, and the words
//! that say "CPU only", "GPU", "laptop" or name memory.
//!
//! Why one table: the hardware rule turns "runs on an iPhone" into a memory budget, the free-text
//! fill must recognise the same phrase to move it into the `hardware` field, and the app's device
//! helper reads the same words back from that field. A device added here is understood by all
//! three. The list is deliberately short: facts for common hardware, not a catalogue.

use super::contains_phrase;

/// A script written without spaces between words (Chinese, Japanese kana, Korean Hangul).
pub fn spaceless(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xff66..=0xff9f)
}

/// `phrase` names hardware in `hay`: a whole word or phrase, where a Chinese, Japanese or Korean
/// character next to a Latin word is a word edge ("CPU에서" is "CPU" + a particle, "CPU服务器" a
/// CPU server), and a phrase written in those scripts is found wherever it stands ("スマホの中で").
pub fn names(hay: &str, phrase: &str) -> bool {
    if phrase.chars().next().is_some_and(spaceless) {
        return hay.contains(phrase);
    }
    if contains_phrase(hay, phrase) {
        return true;
    }
    let cyrillic = |c: char| matches!(c as u32, 0x0400..=0x04ff);
    hay.match_indices(phrase).any(|(pos, _)| {
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || spaceless(c));
        let mut after = hay[pos + phrase.len()..].chars();
        // Russian words inflect: "на смартфоне", "без видеокарты" (at most three letters on).
        if phrase.chars().next_back().is_some_and(cyrillic) {
            after = hay[pos + phrase.len()..].chars();
            for _ in 0..3 {
                if after.clone().next().is_some_and(cyrillic) {
                    after.next();
                }
            }
        }
        edge(hay[..pos].chars().next_back()) && edge(after.next())
    })
}

/// A device developers name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    /// How it is written (lowercase, matched as whole words).
    pub phrase: &'static str,
    /// Memory in GB (RAM for CPU devices, VRAM for GPUs).
    pub memory_gb: f64,
    /// Runs models on its CPU.
    pub cpu_only: bool,
    /// Largest parameter count that runs at interactive speed there.
    pub param_cap: Option<u64>,
    /// Its CPU is slow whatever memory is stated ("Raspberry Pi with 8 GB"): the cap still holds.
    pub slow_cpu: bool,
    /// Sizes of a generative model (a chat or writing assistant, a vision-language model) that
    /// runs well there, smallest useful to largest: people run 0.5–3B instruct models on phones
    /// (llama.cpp, MLX, MLC), quantized; below that they are toys. The upper end replaces the
    /// compute cap for generative models, and ranking prefers sizes inside the range.
    pub generative: Option<(u64, u64)>,
    /// Largest vision model (image classification, detection, segmentation) that keeps up with a
    /// camera there, when smaller than `param_cap`: a vision model reads every frame, so a slow
    /// CPU runs detectors of DETR-R50 / YOLOS-small class, not ViT-base classifiers
    /// ([`crate::knowledge::tasks::RunKind::Vision`]).
    pub vision_cap: Option<u64>,
    /// Bits per weight models run at there, when the device ships quantized models (phones and
    /// the browser: 4-bit MLC, llama.cpp, Core ML and transformers.js builds); otherwise the
    /// GPU or CPU precision of [`crate::constraints::RuleParams`].
    pub bits: Option<u8>,
    /// Largest speech or other per-request model (reading aloud, transcribing a message,
    /// translating a sentence: [`crate::knowledge::tasks::RunKind::Other`]) when larger than
    /// `param_cap`: such a model answers one request at a time, where a vision model reads every
    /// frame and a text encoder every keystroke or document.
    pub other_cap: Option<u64>,
    /// Largest speech model (transcription, speech synthesis) when below `other_cap`: a phone
    /// transcribes live with models of Whisper small / wav2vec2-large class, not with a captioner
    /// or a vision-language model of twice that size ([`PHONE_SPEECH_CAP`]).
    pub speech_cap: Option<u64>,
}

const fn device(
    phrase: &'static str,
    memory_gb: f64,
    cpu_only: bool,
    param_cap: Option<u64>,
    slow_cpu: bool,
    generative: Option<(u64, u64)>,
) -> Device {
    Device { phrase, memory_gb, cpu_only, param_cap, slow_cpu, generative, vision_cap: None, bits: None, other_cap: None, speech_cap: None }
}

/// A device that runs models quantized to `bits`.
const fn quantized(device: Device, bits: u8) -> Device {
    Device { bits: Some(bits), ..device }
}

/// A device whose CPU keeps up with a camera only for small vision models (`vision_cap`).
const fn camera_device(device: Device, vision_cap: u64) -> Device {
    Device { vision_cap: Some(vision_cap), ..device }
}

/// A kiosk's compute cap: what keeps up in real time on a modest CPU (the default of
/// [`crate::constraints::RuleParams::cpu_realtime_params`]).
const KIOSK_CAP: u64 = 500_000_000;

/// A self-service kiosk, by one of its names: a small fanless PC (8 GB, a low-power CPU), speech
/// and vision held to [`KIOSK_CAP`], chat models 0.5–3B.
const fn kiosk(phrase: &'static str) -> Device {
    device(phrase, 8.0, true, Some(KIOSK_CAP), true, Some((500_000_000, 3_000_000_000)))
}

/// An edge device, by one of its names: a small box or board (2 GB, a low-power CPU, 4-bit
/// models): encoders and vision of MobileNet / MiniLM class, chat models of 0.3–3B.
const fn edge(phrase: &'static str) -> Device {
    quantized(device(phrase, 2.0, true, Some(100_000_000), false, Some((300_000_000, 3_000_000_000))), 4)
}

/// A serverless function (AWS Lambda, Cloud Functions, Azure Functions): no GPU, a few GB of
/// memory per instance (Lambda allows up to 10 GB, most functions get 1–4), billed by the
/// second, so models run as a CPU machine of 4 GB runs them.
const fn serverless(phrase: &'static str) -> Device {
    device(phrase, 4.0, true, None, false, None)
}

/// An old laptop or PC: 8 GB of RAM and no usable GPU, where a typical one has 16
/// ([`TYPICAL_COMPUTER_GB`]).
const fn old_computer(phrase: &'static str) -> Device {
    device(phrase, 8.0, true, None, false, None)
}

/// A phone's generative range: 0.5B–3.5B parameters (Qwen2.5-0.5B to -3B, Llama-3.2-1B/3B,
/// Gemma-2-2B; a 3.8B Phi-3-mini is past what a mid-range phone keeps up with).
const PHONE_GENERATIVE: Option<(u64, u64)> = Some((500_000_000, 3_500_000_000));

/// A phone's cap for vision models and text encoders: a camera feeds frames, a keyboard
/// keystrokes, so mobile backbones (MobileNet, EfficientNet-B0, MobileBERT, MiniLM: 3–50M).
const PHONE_CAP: u64 = 50_000_000;

/// A phone's cap for speech and other per-request models: a Whisper small or base, a TTS voice
/// of a few hundred million parameters answer one request within a second or two there.
const PHONE_OTHER_CAP: u64 = 500_000_000;

/// A phone's cap for speech models: Whisper small (244M) and wav2vec2-large / XLS-R-300M (317M)
/// are the largest that keep up with live speech there (WhisperKit, whisper.cpp and sherpa-onnx
/// ship tiny to small for phones); Whisper medium (769M) and a 469M image captioner do not.
const PHONE_SPEECH_CAP: u64 = 350_000_000;

/// A phone, by one of its names: 6 GB, 4-bit models, the caps above.
const fn phone(phrase: &'static str) -> Device {
    Device {
        other_cap: Some(PHONE_OTHER_CAP),
        speech_cap: Some(PHONE_SPEECH_CAP),
        ..quantized(device(phrase, 6.0, true, Some(PHONE_CAP), false, PHONE_GENERATIVE), 4)
    }
}

/// Known devices; the first whose phrase occurs wins. Phones: 6 GB, a current mid-range phone or
/// iPhone (6–8 GB since 2023).
pub const DEVICES: &[Device] = &[
    // A Raspberry Pi 4 (4 GB; four Cortex-A72 cores): speech models of wav2vec2-base class,
    // vision models of half that (a frame costs more than a second of audio), chat models up to
    // ~1B quantized (a few tokens a second; a 1.5B one falls below reading speed).
    camera_device(device("raspberry pi", 4.0, true, Some(100_000_000), true, Some((100_000_000, 1_000_000_000))), 50_000_000),
    // Jetson Orin Nano (8 GB shared, the current small Jetson) before the older Nano (4 GB); an
    // AGX Orin (32–64 GB) runs what a desktop GPU runs. A bare "Jetson" is read as the small one.
    device("jetson orin nano", 8.0, false, Some(1_000_000_000), false, Some((500_000_000, 4_000_000_000))),
    device("jetson orin", 32.0, false, None, false, None),
    device("jetson nano", 4.0, false, Some(500_000_000), false, Some((500_000_000, 3_000_000_000))),
    device("jetson", 8.0, false, Some(1_000_000_000), false, Some((500_000_000, 4_000_000_000))),
    device("microcontroller", 0.25, true, Some(1_000_000), true, None),
    phone("smartphone"),
    phone("phone"),
    phone("mobile"),
    phone("android"),
    phone("iphone"),
    phone("on-device"),
    // Phones in other languages. A "Handy" (German) is also an English adjective, "telefono" and
    // "teléfono" also the line people call on: all three need a device context
    // ([`CONTEXT_DEVICES`]: "läuft direkt auf dem Handy", "direttamente sul telefono").
    phone("handy"),
    phone("telefono"),
    phone("teléfono"),
    // "On the device" itself, as "on-device" above ("direkt auf dem Gerät", "en el propio
    // dispositivo", "sur l'appareil", "на устройстве").
    phone("auf dem gerät"),
    phone("en el dispositivo"),
    phone("en el propio dispositivo"),
    phone("sur l'appareil"),
    phone("sul dispositivo"),
    phone("no dispositivo"),
    phone("no próprio dispositivo"),
    phone("на устройстве"),
    phone("スマホ"),
    phone("スマートフォン"),
    phone("携帯"),
    phone("手机"),
    phone("스마트폰"),
    phone("휴대폰"),
    phone("смартфон"),
    phone("телефон"),
    phone("celular"),
    phone("móvil"),
    phone("téléphone"),
    phone("cellulare"),
    phone("telefone"),
    // Arabic: the word and its form with the article ("على الهاتف نفسه", "تطبيق جوال"); hardware
    // in free text only in a device context, as the words above.
    phone("الهاتف"),
    phone("هاتف"),
    phone("الجوال"),
    phone("جوال"),
    // "端末内で動く" (runs inside the device): Japanese for on-device.
    phone("端末内"),
    phone("端末上"),
    edge("edge device"),
    edge("edge hardware"),
    edge("edge box"),
    edge("edge"),
    serverless("serverless"),
    serverless("aws lambda"),
    serverless("lambda function"),
    serverless("cloud function"),
    serverless("azure functions"),
    old_computer("old laptop"),
    old_computer("older laptop"),
    old_computer("old computer"),
    old_computer("old pc"),
    old_computer("old desktop"),
    // "A small server" (a mini PC, a small VPS): the memory of an old computer, not of a typical one.
    old_computer("small server"),
    old_computer("petit serveur"),
    old_computer("kleiner server"),
    old_computer("kleinen server"),
    old_computer("servidor pequeño"),
    old_computer("pequeño servidor"),
    old_computer("servidor pequeno"),
    old_computer("pequeno servidor"),
    old_computer("piccolo server"),
    // A self-service kiosk: a small fanless PC (8 GB, a low-power CPU) — not a typical laptop.
    // Speech and vision that keep up with a customer need a model that runs in real time there.
    kiosk("kiosk"),
    kiosk("kiosko"),
    kiosk("quiosque"),
    kiosk("киоск"),
    kiosk("キオスク"),
    kiosk("키오스크"),
    kiosk("自助终端"),
    // A CPU its user calls small, weak or slow ("they only have a small CPU", "una CPU modesta"):
    // the kiosk's class of machine, a low-power CPU, not a typical laptop's.
    kiosk("small cpu"),
    kiosk("weak cpu"),
    kiosk("slow cpu"),
    kiosk("low-end cpu"),
    kiosk("low-power cpu"),
    kiosk("modest cpu"),
    kiosk("schwache cpu"),
    kiosk("schwachen cpu"),
    kiosk("langsame cpu"),
    kiosk("cpu débil"),
    kiosk("cpu lenta"),
    kiosk("cpu modesta"),
    kiosk("petit cpu"),
    kiosk("processeur modeste"),
    kiosk("cpu fraca"),
    kiosk("cpu debole"),
    kiosk("слабый процессор"),
    kiosk("слабом процессоре"),
    quantized(device("browser", 2.0, true, Some(300_000_000), false, Some((100_000_000, 2_000_000_000))), 4),
    device("t4", 16.0, false, None, false, None),
    device("v100", 16.0, false, None, false, None),
    device("rtx 3060", 12.0, false, None, false, None),
    device("rtx 3090", 24.0, false, None, false, None),
    device("rtx 4090", 24.0, false, None, false, None),
    device("3090", 24.0, false, None, false, None),
    device("4090", 24.0, false, None, false, None),
    device("a10g", 24.0, false, None, false, None),
    device("a10", 24.0, false, None, false, None),
    device("rtx 4080", 16.0, false, None, false, None),
    device("rtx 4070", 12.0, false, None, false, None),
    device("rtx 4060", 8.0, false, None, false, None),
    device("rtx 3080", 10.0, false, None, false, None),
    device("rtx 3070", 8.0, false, None, false, None),
    device("rtx 2080", 8.0, false, None, false, None),
    device("rtx a6000", 48.0, false, None, false, None),
    device("a6000", 48.0, false, None, false, None),
    device("l40s", 48.0, false, None, false, None),
    device("h200", 141.0, false, None, false, None),
    device("l4", 24.0, false, None, false, None),
    device("a100", 80.0, false, None, false, None),
    device("h100", 80.0, false, None, false, None),
    device("colab", 15.0, false, None, false, None),
];

/// General-purpose computers: a "laptop" without a number means a typical one. Laptops in other
/// languages too ("notebook" is a laptop in German and Portuguese, "portable" in French).
pub const COMPUTERS: &[&str] = &[
    "laptop",
    "desktop",
    "macbook",
    // Apple silicon: unified memory that llama.cpp and MLX use like RAM ("16 GB Mac → 8B").
    "mac",
    "mac mini",
    "mac studio",
    "imac",
    "apple silicon",
    "ordinateur portable",
    "portátil",
    "portatile",
    "ноутбук",
    "笔记本",
    "ノートパソコン",
    "ノートpc",
    "노트북",
];
/// Memory of a typical laptop or desktop, in GB.
pub const TYPICAL_COMPUTER_GB: f64 = 16.0;
/// Phrases that rule out a GPU.
pub const NO_GPU: &[&str] = &[
    "no gpu",
    "without gpu",
    "without a gpu",
    "cpu only",
    "cpu-only",
    // Other languages ("sans GPU", "sin tarjeta gráfica", "GPU なし").
    "ohne gpu",
    "keine gpu",
    "ohne grafikkarte",
    "sin gpu",
    "sin tarjeta gráfica",
    "sans gpu",
    "sans carte graphique",
    "sem gpu",
    "sem placa de vídeo",
    "senza gpu",
    "senza scheda video",
    "без gpu",
    "без видеокарты",
    "无gpu",
    "没有gpu",
    "不用gpu",
    "gpuなし",
    "gpu なし",
    "gpu 없이",
    "gpu없이",
    "gpu 없는",
    "gpu가 없는",
    "بدون gpu",
    "no graphics card",
    "without a graphics card",
    "without graphics card",
    "no dedicated gpu",
    "没有显卡",
    "无显卡",
    "不用显卡",
    "没有独立显卡",
    "グラボなし",
    "gpuのない",
    "gpu のない",
    "gpuがない",
    "gpu無し",
    "グラボのない",
    "그래픽카드 없이",
    "그래픽 카드 없이",
    // Arabic: "without a graphics card".
    "بدون بطاقة رسومية",
    "بدون بطاقة رسوميات",
    "بدون كرت شاشة",
    // "On the processor only" ("يعمل على معالج فقط"): Arabic names the CPU "processor".
    "معالج فقط",
    "المعالج فقط",
];
/// Words for a GPU besides "GPU" itself ("graphics card", "Grafikkarte", "显卡").
pub const GPU_WORDS: &[&str] = &[
    "gpu",
    "gpus",
    "graphics card",
    "video card",
    "grafikkarte",
    "tarjeta gráfica",
    "tarjeta de video",
    "carte graphique",
    "placa de vídeo",
    "placa de video",
    "scheda video",
    "scheda grafica",
    "видеокарт",
    "显卡",
    "显存",
    "グラボ",
    "グラフィックボード",
    "그래픽카드",
    "그래픽 카드",
    "بطاقة رسومية",
    "بطاقة رسوميات",
    "كرت شاشة",
];
/// Speed wishes on a CPU that mean a user waits for each answer ("fast", "within a fraction of a
/// second", "빠르게"): an interactive budget of some tens of milliseconds per item
/// ([`crate::constraints::RuleParams::cpu_interactive_params`]). "Real time" (keeping up with a
/// stream of audio) is read apart: [`REAL_TIME`].
pub const FAST: &[&str] = &[
    "fast",
    "quick",
    "quickly",
    "snappy",
    "schnell",
    "rápido",
    "rápida",
    "rapido",
    "rapida",
    "rapide",
    "veloce",
    "быстр",
    "快速",
    "很快",
    "高速",
    "빠르",
    "빠른",
];
/// An answer time in words, no number ("within a fraction of a second", "instantly"): like "50 ms",
/// a latency every kind of model must meet ([`crate::constraints::RuleParams::cpu_interactive_params`]).
pub const ANSWER_TIME: &[&str] = &[
    "fraction of a second",
    "split second",
    "instant",
    "instantly",
    "sub-second",
    "under a second",
    "less than a second",
    "within a second",
    "unter einer sekunde",
    "menos de un segundo",
    "menos de um segundo",
    "moins d'une seconde",
    "meno di un secondo",
    "меньше секунды",
    "1秒以内",
    "一秒以内",
    "1초 이내",
    "bruchteil einer sekunde",
    "fracción de segundo",
    "fraction de seconde",
    "fração de segundo",
    "frazione di secondo",
    "доли секунды",
    "долю секунды",
    "瞬间",
    "瞬時",
    "즉시",
];
/// "Real time" on a CPU: keeping up with a stream ([`crate::constraints::RuleParams::cpu_realtime_params`]).
pub const REAL_TIME: &[&str] = &[
    "real time",
    "real-time",
    "realtime",
    "low latency",
    "echtzeit",
    "tiempo real",
    "temps réel",
    "tempo real",
    "реальном времени",
    "实时",
    "リアルタイム",
    "실시간",
];
/// Counts of devices in words ("two 24 GB GPUs", "dual RTX 3090s").
pub const DEVICE_COUNT_WORDS: &[(&str, f64)] = &[("two", 2.0), ("dual", 2.0), ("twin", 2.0), ("three", 3.0), ("four", 4.0), ("eight", 8.0)];
/// Words that name system or GPU memory.
pub const MEMORY_WORDS: &[&str] = &["ram", "vram", "memory"];
/// Hardware words that name no device by themselves but belong to a hardware phrase.
pub const HARDWARE_WORDS: &[&str] = &["cpu", "gpu", "single gpu", "consumer gpu", "edge devices"];

/// Devices whose word also names things a request talks *about* ("transcribe phone calls",
/// "mobile numbers", "browser history"): in free text they are hardware only in a device context
/// ([`device_context`]). In the hardware field every word is hardware.
pub const CONTEXT_DEVICES: &[&str] = &[
    "phone",
    "smartphone",
    "mobile",
    "android",
    "iphone",
    "browser",
    // "edge cases", "sharp edges": hardware only on, for or deployed to the edge.
    "edge",
    // In other languages the context words above are not read: these are hardware only in the
    // hardware field (or right before an "app"/"device" word).
    "смартфон",
    "телефон",
    "celular",
    "móvil",
    "téléphone",
    "cellulare",
    "telefone",
    "handy",
    "telefono",
    "teléfono",
    "هاتف",
    "الهاتف",
    "جوال",
    "الجوال",
];
/// Words shortly before a device word that make it the place a model runs ("runs *on* a phone",
/// "on-device *on* my phone", "*for* mobile", "deploy *to* Android").
pub const DEVICE_CONTEXT_BEFORE: &[&str] = &[
    "on",
    "for",
    "runs",
    "run",
    "running",
    "deploy",
    "deployed",
    "deploying",
    "inside",
    "within",
    "to",
    "on-device",
    "offline",
    // "runs" in other languages ("corre en un iPhone", "qui tourne sur un iPhone", "läuft auf dem
    // Handy"); their prepositions alone ("en", "sur") are too common ("fotos en el móvil").
    "corre",
    "correr",
    "funcione",
    "funciona",
    "ejecuta",
    "tourne",
    "tourner",
    "fonctionne",
    "läuft",
    "laufen",
    "roda",
    "rodar",
    "gira",
    "girare",
    "funziona",
    "работает",
    "работать",
    "запускать",
    // "Right on the phone", "locally on the device", in several languages.
    "directly",
    "locally",
    "directement",
    "localement",
    "directamente",
    "direttamente",
    "diretamente",
    "localmente",
    "direkt",
    "lokal",
    "прямо",
    "локально",
    // The app a device word belongs to, written before it where the app's kind follows its noun
    // ("app móvil", "app de celular", "application mobile", "تطبيق جوال"), and "the device
    // itself" ("en el propio móvil", "no próprio celular").
    "app",
    "apps",
    "aplicación",
    "aplicativo",
    "appli",
    "application",
    "applicazione",
    "تطبيق",
    "propio",
    "propia",
    "próprio",
    "própria",
    "proprio",
    "propria",
    // "على الهاتف" (on the phone): Arabic writes "on" as a word of its own.
    "على",
];
/// Chinese, Japanese and Korean device words are glued to the words around them ("スマホで動かす",
/// "在手机上运行", "스마트폰에서"): in free text they are hardware only right before one of these
/// (at, on, on the side of, locally) or right after "在" (at).
/// An app word right after the device word makes it hardware too ("iPhoneアプリ", "手机应用", "폰 앱").
/// "Only on the phone" is a place too: Korean "만" ("휴대폰만으로": with the phone alone) and
/// Japanese "だけ" ("スマホだけで").
pub const DEVICE_CONTEXT_AFTER_GLUED: &[&str] =
    &["で", "上运行", "上跑", "上部署", "上离线", "上本地", "端", "本地", "에서", "로컬", "アプリ", "应用", "앱", "만", "だけ"];
/// Words right after a device word that make it hardware ("phone app", "mobile devices", "الهاتف
/// نفسه": the phone itself).
pub const DEVICE_CONTEXT_AFTER: &[&str] =
    &["app", "apps", "application", "device", "devices", "only", "hardware", "deployment", "cpu", "tab", "tabs", "extension", "نفسه"];
/// Words right after a device word that make it a thing, not hardware ("phone calls").
pub const DEVICE_THING_AFTER: &[&str] = &[
    "call",
    "calls",
    "number",
    "numbers",
    "conversation",
    "conversations",
    "recording",
    "recordings",
    "screenshots",
    "photos",
    "history",
    "transcript",
    "transcripts",
];

/// Whether a device word of free text names the hardware the model runs on: always for
/// unambiguous devices ("RTX 4090"), for [`CONTEXT_DEVICES`] only with a device word right after
/// or a context word among the three words before (and no [`DEVICE_THING_AFTER`] word after).
pub fn device_context(phrase: &str, before: &[&str], after: Option<&str>) -> bool {
    if !CONTEXT_DEVICES.contains(&singular(phrase)) {
        return true;
    }
    let after = after.unwrap_or("");
    if DEVICE_CONTEXT_AFTER.contains(&after) {
        return true;
    }
    // Whose device it is ("the user's", "our customers'") and its article say nothing about it:
    // "runs in the user's browser" has its "runs" three words back once they are skipped.
    let owner = |w: &&&str| DEVICE_OWNER_WORDS.contains(*w) || w.ends_with("'s") || w.ends_with("s'");
    let inside = IN_DEVICES.contains(&singular(phrase));
    !DEVICE_THING_AFTER.contains(&after)
        && before.iter().rev().filter(|w| !owner(w)).take(3).any(|w| DEVICE_CONTEXT_BEFORE.contains(w) || inside && *w == "in")
}

/// Devices a model runs *in* ("in the user's browser", "in a browser tab"): "in" before them is a
/// device context as "on" is for a phone. Not for phones ("the photos in my phone" are a thing).
pub const IN_DEVICES: &[&str] = &["browser"];

/// Articles and possessives between a context word and the device ("on *the* phone", "in *our
/// users'* browsers", "sur *le* téléphone"): skipped when the three words before a device are read.
pub const DEVICE_OWNER_WORDS: &[&str] =
    &["the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "each", "every", "le", "la", "el", "der", "dem", "den"];

/// The English plural of a device phrase written in Latin letters ("kiosks", "Jetsons",
/// "Raspberry Pis", "two RTX 3090s"): people name the devices a product ships on in the plural
/// ("our parking kiosks", "on customers' phones"), and a plural missed leaves only a bare "CPU"
/// read, a typical laptop's budget. `None` for phrases in other scripts and for those ending in
/// "s" or a non-letter, and for [`NO_PLURAL`].
pub fn plural(phrase: &str) -> Option<String> {
    let last = phrase.chars().next_back()?;
    (phrase.is_ascii() && last.is_ascii_alphanumeric() && last != 's' && !NO_PLURAL.contains(&phrase)).then(|| format!("{phrase}s"))
}

/// Device words whose plural names something else: "edges" are parts of an image ("detect cracks
/// on the edges"); edge hardware in the plural is "edge devices", a phrase of its own.
const NO_PLURAL: &[&str] = &["edge"];

/// The plurals of [`DEVICES`]' phrases ([`plural`]), built once.
fn device_plurals() -> &'static [String] {
    static PLURALS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PLURALS.get_or_init(|| DEVICES.iter().filter_map(|d| plural(d.phrase)).collect())
}

/// The singular a device word stands for: itself, or the phrase whose [`plural`] it is.
pub fn singular(phrase: &str) -> &str {
    phrase.strip_suffix('s').filter(|one| DEVICES.iter().any(|d| d.phrase == *one)).unwrap_or(phrase)
}

/// The first known device named in lowercase text, in the singular or the plural ([`plural`]).
pub fn device_in(lower: &str) -> Option<&'static Device> {
    DEVICES
        .iter()
        .find(|d| names(lower, d.phrase) || (lower.contains(d.phrase) && plural(d.phrase).is_some_and(|many| names(lower, &many))))
}

/// The text rules out a GPU ("CPU only", "no GPU").
pub fn says_no_gpu(lower: &str) -> bool {
    NO_GPU.iter().any(|w| lower.contains(w))
}

/// The text names a GPU ("GPU", "VRAM", "CUDA") and does not rule one out.
pub fn says_gpu(lower: &str) -> bool {
    !says_no_gpu(lower) && (GPU_WORDS.iter().any(|w| names(lower, w)) || lower.contains("vram") || lower.contains("cuda"))
}

/// The text names a CPU-bound machine: a CPU, a laptop, or system RAM.
pub fn says_cpu(lower: &str) -> bool {
    names(lower, "cpu") || COMPUTERS.iter().any(|c| names(lower, c)) || names(lower, "ram")
}

/// The text names a general-purpose computer or a CPU without a number.
pub fn says_computer(lower: &str) -> bool {
    COMPUTERS.iter().any(|c| names(lower, c)) || names(lower, "cpu")
}

/// The text asks for answers fast ([`FAST`]); the phrase read, for the reason text.
pub fn says_fast(lower: &str) -> Option<&'static str> {
    FAST.iter().copied().find(|w| if w.chars().next().is_some_and(|c| c.is_ascii()) { names(lower, w) } else { lower.contains(w) })
}

/// The text names an answer time in words ([`ANSWER_TIME`]); the phrase read.
pub fn says_answer_time(lower: &str) -> Option<&'static str> {
    ANSWER_TIME.iter().copied().find(|w| if w.chars().next().is_some_and(|c| c.is_ascii()) { names(lower, w) } else { lower.contains(w) })
}

/// The text asks for real time ([`REAL_TIME`]).
pub fn says_real_time(lower: &str) -> bool {
    REAL_TIME.iter().any(|w| lower.contains(w))
}

/// Every phrase the free-text reader takes as hardware, as word sequences.
pub fn hardware_phrases() -> impl Iterator<Item = &'static str> {
    NO_GPU
        .iter()
        .copied()
        .chain(COMPUTERS.iter().copied())
        .chain(HARDWARE_WORDS.iter().copied())
        .chain(GPU_WORDS.iter().copied().filter(|w| w.contains(' ')))
        .chain(DEVICES.iter().map(|d| d.phrase))
        .chain(device_plurals().iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_words() {
        assert_eq!(device_in("runs on an iphone 12").map(|d| d.phrase), Some("iphone"));
        assert_eq!(device_in("single t4 (16 gb)").map(|d| d.memory_gb), Some(16.0));
        assert!(device_in("a metaphone").is_none());
        assert!(says_no_gpu("cpu only, 8 gb ram") && !says_gpu("cpu only, no gpu"));
        assert!(says_gpu("one 24 gb gpu") && says_gpu("12 gb vram"));
        assert!(!device_context("phone", &["transcribe", "german"], Some("calls")));
        assert!(!device_context("phone", &["for"], Some("calls")));
        assert!(device_context("phone", &["runs", "on", "a"], None));
        assert!(device_context("phone", &["on-device", "on", "my"], None));
        assert!(device_context("iphone", &["an"], Some("app")));
        assert!(device_context("rtx 4090", &[], None));
        // Owners and articles are skipped: the context word is still among the three before.
        assert!(device_context("browser", &["runs", "in", "the", "user's"], None));
        assert!(device_context("phones", &["deployed", "in", "our", "customers'"], None));
        assert!(!device_context("browser", &["clear", "the", "user's"], Some("history")));
        assert!(!device_context("phone", &["photos", "from", "the", "user's"], None));
        // A model runs in a browser, not in a phone.
        assert!(device_context("browser", &["right", "in", "the", "user's"], None));
        assert!(device_context("browsers", &["in", "our", "users'"], Some("tabs")));
        assert!(!device_context("phone", &["the", "photos", "in", "my"], None));
        for c in CONTEXT_DEVICES {
            assert!(DEVICES.iter().any(|d| d.phrase == *c), "{c}");
        }
        for d in DEVICES {
            assert_eq!(d.phrase, d.phrase.to_lowercase());
            assert!(d.param_cap.is_some() || !d.slow_cpu, "{}", d.phrase);
        }
    }

    #[test]
    fn devices_in_the_plural_and_cpus_called_weak() {
        // A product shipped on many devices is named in the plural.
        assert_eq!(device_in("our ticket kiosks, cpu").map(|d| d.param_cap), Some(Some(KIOSK_CAP)));
        assert_eq!(device_in("two raspberry pis").map(|d| d.memory_gb), Some(4.0));
        assert_eq!(device_in("customers' phones").map(|d| d.bits), Some(Some(4)));
        assert_eq!(device_in("dual rtx 3090s").map(|d| d.memory_gb), Some(24.0));
        assert!(device_in("cracks on the edges").is_none() && device_in("kiosksy").is_none());
        assert_eq!((singular("kiosks"), singular("phones"), singular("cpus")), ("kiosk", "phone", "cpus"));
        // "Phones" is a context device as "phone" is: hardware only in a device context.
        assert!(!device_context("phones", &["transcribe"], None) && device_context("phones", &["on", "our"], None));
        assert!(device_context("kiosks", &["parking"], None));
        // A CPU called small or weak is a low-power machine, in several languages.
        for text in ["they only have a small cpu", "eine schwache cpu", "una cpu modesta", "на слабом процессоре", "un petit cpu"]
        {
            let d = device_in(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((d.cpu_only, d.param_cap, d.generative.map(|g| g.1)), (true, Some(KIOSK_CAP), Some(3_000_000_000)), "{text}");
        }
        assert!(device_in("a cpu with 64 gb").is_none());
    }

    #[test]
    fn hardware_words_glued_to_other_scripts_and_in_other_languages() {
        assert!(names("gpu 없이 cpu에서 돌려야 함", "cpu"));
        assert!(names("普通的cpu机器", "cpu"));
        assert!(!names("a cpus-bound thing", "cpu"));
        assert!(says_no_gpu("只有普通的cpu机器，没有显卡") && says_cpu("只有普通的cpu机器，没有显卡"));
        assert!(says_gpu("eine grafikkarte mit 12 gb") && says_gpu("uma placa de vídeo de 8 gb") && says_gpu("一块显卡"));
        assert!(!says_gpu("no graphics card at all"));
        assert_eq!(device_in("アプリはスマホで動かす").map(|d| d.memory_gb), Some(6.0));
        assert_eq!(device_in("на смартфоне").map(|d| d.cpu_only), Some(true));
        assert!(says_computer("auf meinem macbook") && says_cpu("노트북에서"));
        assert_eq!(says_fast("should be quick on cpu"), Some("quick"));
        assert_eq!(says_fast("breakfast menu"), None);
        assert_eq!(says_fast("cpu에서 빠르게"), Some("빠르"));
        assert_eq!(says_answer_time("antwort im bruchteil einer sekunde"), Some("bruchteil einer sekunde"));
        assert!(says_answer_time("fast, on cpu").is_none());
        assert!(says_real_time("in tempo real no cpu") || says_real_time("tempo real"));
        // "Without a GPU" in Japanese and Arabic is no GPU, not a GPU; "well under a second" is an
        // answer time; a kiosk is a small CPU machine, not a laptop.
        assert!(says_no_gpu("gpuのないノートpc（メモリ16gb）") && !says_gpu("gpuのないノートpc（メモリ16gb）"));
        assert!(says_no_gpu("خادم بدون بطاقة رسومية، ذاكرة 16 جيجابايت") && says_gpu("بطاقة رسومية 8 جيجابايت"));
        assert_eq!(says_answer_time("answers in well under a second"), Some("under a second"));
        let kiosk = device_in("인터넷 없이 키오스크의 cpu에서 동작").expect("kiosk");
        assert!(kiosk.cpu_only && kiosk.slow_cpu && kiosk.param_cap == Some(KIOSK_CAP));
    }
}
