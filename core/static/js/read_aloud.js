// Read aloud (easy-language and children's webs): a button per question and one for the page
// reads the text with the browser's own speech synthesis, in the page's language. The buttons
// stay hidden when the browser has no voice for that language, or no speech synthesis at all.
(() => {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  const language = (document.documentElement.lang || "nl").toLowerCase();
  let ready = false;

  const voiceFor = () =>
    synth.getVoices().find((voice) => (voice.lang || "").toLowerCase().startsWith(language));

  const textOf = (element) =>
    [...element.querySelectorAll("[data-read-text]")]
      .map((part) => part.textContent.trim())
      .filter(Boolean)
      .join(". ");

  const setUp = () => {
    const voice = voiceFor();
    if (ready || !voice) {
      return;
    }
    ready = true;
    document.querySelectorAll("[data-read-aloud]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => {
        const target = document.getElementById(button.dataset.readAloud);
        if (!target) {
          return;
        }
        synth.cancel();
        const utterance = new SpeechSynthesisUtterance(textOf(target));
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.9;
        synth.speak(utterance);
      });
    });
  };

  document.addEventListener("DOMContentLoaded", setUp);
  // Chromium loads its voices a moment after the page.
  synth.addEventListener("voiceschanged", setUp);
})();
