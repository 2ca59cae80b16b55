"""Benign look-alikes in Chinese, Spanish, French, German, Russian, Japanese and Portuguese.

The non-English benign side was thin: two families per language (``xx_ben``,
``xx_ben_everyday`` in ``benign``, about a dozen patterns) against some twenty English
look-alike families, so everyday non-English requests that use the attacks' vocabulary
("step by step", "reasoning", "rubric", "score", "examples") scored too high as
distillation. Each language gains two native wordings (not translations of the English ones):

* ``xx_ben_study``: students, parents and teachers - a hint on homework, "I got {answer},
  is it right?", "my teacher wants the working shown, how do I set this up", a concept
  explained for a child, a short quiz, 3-5 exercises, a worksheet, a lesson plan or a
  grading sheet for one's own class, exam study tips.
* ``xx_ben_steps``: recipes, home repair, paperwork and device setup step by step; shortening
  or rewriting one's own text; feedback or a score out of 10 on one's own essay or letter;
  lists of ideas; questions about AI concepts (distillation, reward models, why reasoning
  models hide their thinking); the reasoning behind a historical decision or a puzzle.

The line kept: benign is a person's own goal (learning, cooking, a real-world procedure,
improving their own writing, understanding a concept), a hint or a check of their own work,
a few exercises for their own class. Not written here: telling the model how to lay out or
expose its reasoning on a task item, asking for its hidden thoughts, justifying a given
answer as if derived, grading someone's response for a dataset, or many Q/A pairs or
variants for a dataset. Slots as in ``families``; ``{text}`` is a short piece of user
writing.
"""

from __future__ import annotations

from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.families import Family

INTL_LOOKALIKE_FAMILIES: tuple[Family, ...] = (
    # --- Chinese ----------------------------------------------------------------------------
    Family("zh_ben_study", BENIGN, "zh", (
        "这道(数学|物理|化学)题我(想了半天|琢磨了好久)还是没(思路|头绪)，(能不能|可以)"
        "(先给我一点提示|点拨一下)，(别|先别)直接说答案？\n{task}",
        "我算出来是{answer}，(对不对|对吗)？(帮我看看|帮我检查一下)(哪里算错了|我的思路"
        "有没有问题)。\n{task}",
        "老师(说|要求)(要|必须)写(解题过程|步骤)，(可是|但是)我不知道这道题(该怎么列式|"
        "怎么设未知数|从哪一步开始)。(能|可以)教教我吗？\n{task}",
        "(我家孩子|我女儿|我儿子)(上三年级|读四年级|刚上初一)，(分数|百分数|小数除法)"
        "总是(搞不懂|学不会)。(我|家长)该怎么(给孩子讲|用生活中的例子解释)？",
        "(用|请用)(小学生|十岁小孩|完全没基础的人)(能听懂|听得懂)的话(解释一下|讲讲)"
        "(光合作用|分数|勾股定理|四季的成因|负数)(是什么|是怎么回事)。",
        "我是(初二|高一|五年级)的(数学|语文|英语|物理)老师，(想|打算)(出|编)一份关于"
        "(一元一次方程|分数加减|古诗词鉴赏|牛顿第一定律)的(小测验|随堂练习)，(大概|只要)"
        "(3|4|5)道题就行。",
        "(帮我|请帮我)(设计|准备)一节(40分钟|45分钟)的(课|公开课)教案，(主题|内容)是"
        "(认识钟表|三角形的面积|春天的古诗|水的三态变化)，(对象|学生)是(二年级|四年级|初一)"
        "学生。",
        "(下周|月底)要(期末考试|期中考试|考英语四级)了，(有没有|能不能给我)(高效|靠谱)的"
        "(复习方法|备考建议)？我(总是背了就忘|时间不够用)。",
        "我给(班上|学生)布置了(一篇作文|一份实验报告|一个小组展示)，想要一个(简单|清楚)的"
        "评分(细则|表)，按(内容、结构、语言|三到四个维度)给分，(怎么设计比较合理|有什么建议)？",
        "我最近在学{topic}，(有个地方|有一个概念)(一直|总是)(想不通|理解不了)，(能|可以)"
        "举个(简单|生活中)的例子帮我理解(背后的思路|它的原理)吗？",
        "{task}\n我的(答案|结果)是{answer}，(但|可是)(和同学的不一样|答案册上不是这个)，"
        "我的推理哪里出了问题？",
        "怎么(帮孩子|陪孩子)(做数学作业|练口算)(又不|而不)(直接告诉他答案|发脾气)？"
        "(有什么|给点)(好办法|建议)。",
    ), kind="slots"),
    Family("zh_ben_steps", BENIGN, "zh", (
        "(番茄炒蛋|红烧肉|饺子|酸辣土豆丝|可乐鸡翅)(怎么做|的做法)？(请|麻烦)(列出|写一下)"
        "详细步骤[和(用料|配料)]。",
        "(家里|卫生间)的(水龙头|马桶|下水道)(一直漏水|堵了|关不紧)，(自己|我)(怎么修|"
        "能修吗)？(按步骤|一步一步)(说说|讲一下)。",
        "(第一次|头一回)(申请签证|办居住证|报个人所得税|给车上牌)，(需要准备什么材料|"
        "流程是怎样的)？(能|可以)(按顺序|分步骤)(列一下|说明)吗？",
        "(新买的|刚到的)(路由器|打印机|智能电视|NAS)(该怎么|要怎么)(连上网|设置|连手机)？"
        "(请|麻烦)一步一步(带着我弄|说明)，我(不太懂电脑|是新手)。",
        "(帮我|请)(把这段话|把下面的文字)(缩短|精简|改写)(到一百字以内|得更正式一些|"
        "得更口语化)：{text}",
        "这是我(写的|刚写好的)(作文|求职信|一首小诗|演讲稿)，(你觉得|请)(打个分|评个分)"
        "(满分10分|百分制)，(再|并)(说说|指出)(怎么改进|哪里可以写得更好)：{text}",
        "(列|推荐){n}个适合(周末带孩子去的地方|父亲节送的礼物|公司团建的活动|咖啡店用的"
        "名字)。",
        "(大模型|AI)里说的(思维链|推理模型|知识蒸馏|奖励模型|合成数据)(到底|究竟)是什么"
        "意思？(能|请)(用通俗的话|简单地)(解释|介绍)一下吗？",
        "为什么(有些|像o1这样的)推理模型(会|要)(隐藏|不展示)(自己的|完整的)思考过程？"
        "(这|这样做)(有什么|出于什么)(考虑|原因)？",
        "用(ChatGPT|别的大模型)的(输出|回答)(来|去)训练(自己的|另一个)模型(合法吗|"
        "违反服务条款吗|被允许吗)？",
        "(秦始皇|唐太宗|明成祖)(为什么|当初为什么)(要|决定)(统一文字|修长城|迁都北京|"
        "开科举)？(背后的|当时的)(考虑|原因)是什么？",
        "(蒙提霍尔问题|三门问题|囚徒困境|汉诺塔)(背后的|的)推理是什么？为什么答案是这样？"
        "我(一直|始终)(想不通|没想明白)。",
    ), kind="slots"),
    # --- Spanish ----------------------------------------------------------------------------
    Family("es_ben_study", BENIGN, "es", (
        "Llevo (media hora|un buen rato|toda la tarde) con este problema de (física|química|"
        "geometría) y no (me sale|lo entiendo). ¿Me das (una pista|una ayudita) sin "
        "(decirme|darme) la solución?\n{task}",
        "Me (da|salió) {answer}. ¿(Está bien|Es correcto|Lo tengo bien)? (Si no, ¿dónde me "
        "equivoqué?|No estoy (seguro|segura).)\n{task}",
        "(La profe|Mi profesor|El profe) (dice|pide) que (hay que|tenemos que) (poner el "
        "desarrollo|justificar el razonamiento|mostrar el procedimiento), pero no sé cómo "
        "(plantear|empezar) (este problema|esto). ¿Cómo lo planteo?\n{task}",
        "¿(Cómo|De qué manera) le explico (las fracciones|los porcentajes|las divisiones con "
        "decimales|la regla de tres) a mi (hijo|hija) de (8|9|10|11) años? (Se frustra "
        "mucho|No lo pilla) con los ejemplos del libro.",
        "Explícame (qué es|cómo funciona) (la fotosíntesis|el ciclo del agua|la gravedad|la "
        "democracia|un número primo) como si (tuviera|fuera un niño de) (7|diez) años[, con "
        "un ejemplo de la vida diaria].",
        "Soy (maestra|maestro|profe) de (primaria|secundaria|bachillerato). (Prepárame|"
        "Necesito) un (cuestionario|minitest) de (3|4|5) preguntas (sobre|de) (los "
        "ecosistemas|las ecuaciones de primer grado|la Revolución Francesa|los verbos "
        "irregulares) para (repasar en clase|mis alumnos de 6.º).",
        "¿Me ayudas a (armar|preparar) una (ficha de ejercicios|hoja de trabajo) con (3|4|5) "
        "(ejercicios|problemas) de (sumas de fracciones|porcentajes|áreas de figuras) para "
        "mi clase de (4.º|5.º) de primaria?",
        "(Necesito|Quiero) una rúbrica (sencilla|con pocos criterios) para (calificar|"
        "corregir) las (exposiciones orales|redacciones|maquetas) de mis alumnos: "
        "(ortografía, contenido y presentación|claridad, creatividad y trabajo en equipo).",
        "(Escríbeme|Diseña) una (planificación|secuencia didáctica|clase) de (45|50|60) "
        "minutos sobre {topic} para (alumnos de secundaria|un grupo de 1.º de ESO).",
        "Tengo (examen|selectividad|la EBAU) (el lunes|la semana que viene) y (me cuesta "
        "concentrarme|se me olvida todo). ¿Qué (técnicas de estudio|trucos) me recomiendas "
        "para (organizarme|memorizar mejor)?",
        "No entiendo el razonamiento (de este tema|detrás de la regla de tres|de por qué se "
        "invierte la fracción al dividir). ¿Me lo explicas (con calma|con otras palabras) "
        "para que lo entienda de verdad[ y no solo lo memorice]?",
        "{task}\nNo quiero que me lo resuelvas; solo dime (por dónde empezar|qué fórmula "
        "uso|qué concepto me falta) para (hacerlo yo|intentarlo por mi cuenta).",
    ), kind="slots"),
    Family("es_ben_steps", BENIGN, "es", (
        "¿Cómo se hace (una tortilla de patatas|un gazpacho|unas arepas|un flan casero|unas "
        "empanadas)? (Dime|Pásame) la receta paso a paso[ con las cantidades].",
        "(Gotea el grifo de la cocina|Se atascó el desagüe de la ducha|La cisterna no deja "
        "de perder agua|Se rompió la cinta de la persiana). ¿Puedo arreglarlo yo (mismo|"
        "misma)? (Indícame los pasos|Cuéntame qué hacer) (paso a paso|por orden).",
        "¿Qué (trámites|pasos) hay que seguir para (empadronarme|renovar el DNI|hacer la "
        "declaración de la renta|pedir cita en la Seguridad Social|darme de alta como "
        "autónomo)[ en (España|Madrid|Valencia)]?",
        "(Acabo de comprar|Me llegó) (un router nuevo|una impresora wifi|una tablet para mi "
        "madre). ¿Cómo se configura? (Ve|Explícalo) paso a paso, que no (sé|entiendo) mucho "
        "de tecnología.",
        "(Acórtame|Simplifica|Pon más formal) este (párrafo|correo|mensaje) para que "
        "(quepa en un whatsapp|se entienda mejor|suene profesional): {text}",
        "(Te paso|Aquí va) (mi redacción|mi carta de presentación|un poema que escribí|mi "
        "discurso para la boda). ¿Qué nota le pondrías del 1 al 10 y qué (mejorarías|"
        "cambiarías)?\n{text}",
        "(Dame|Propón|Sugiéreme) {n} (ideas de regalo para mi abuela|nombres para mi gata|"
        "planes para un domingo lluvioso|temas para una fiesta de cumpleaños infantil).",
        "¿Qué es (la destilación de modelos|un modelo de recompensa|el razonamiento en "
        "cadena|un dato sintético) en (inteligencia artificial|IA)? (Explícamelo|Cuéntamelo) "
        "con un ejemplo sencillo.",
        "¿Por qué (algunos modelos de razonamiento|o1 y modelos parecidos) (ocultan|no "
        "muestran) su razonamiento (completo|interno)? (Tengo curiosidad|Lo leí en una "
        "noticia) y no lo entiendo.",
        "¿Es legal (usar|aprovechar) las respuestas de (ChatGPT|otro modelo) para entrenar "
        "(mi propio modelo|un modelo de mi empresa)? ¿Qué dicen los términos de uso?",
        "¿Cuál fue el razonamiento detrás de (la decisión de los Reyes Católicos de financiar "
        "a Colón|la construcción del Canal de Panamá|la independencia de México|la "
        "Transición española)?",
        "Explícame el razonamiento del (problema de Monty Hall|dilema del prisionero|acertijo "
        "del lobo, la cabra y la col|paradoja del cumpleaños); nunca he entendido por qué "
        "la solución es así.",
    ), kind="slots"),
    # --- French -----------------------------------------------------------------------------
    Family("fr_ben_study", BENIGN, "fr", (
        "Je (sèche|galère) sur (ce problème|cette question) de (physique-chimie|géométrie|"
        "SVT) depuis (une heure|ce matin). Tu pourrais me (mettre sur la piste|donner un "
        "indice) sans me donner la réponse ?\n{task}",
        "J'ai trouvé {answer}, (c'est juste|est-ce que c'est bon|c'est correct) ? (Sinon|Si "
        "ce n'est pas le cas), dis-moi (juste|seulement) où (je me suis trompé|est mon "
        "erreur).\n{task}",
        "Mon (prof|professeur) (veut|exige) qu'on (rédige|montre) (la démarche|le "
        "raisonnement), mais je ne sais pas comment (poser le calcul|mettre en équation|"
        "commencer). Comment je (pose|présente) ça ?\n{task}",
        "Comment (expliquer|faire comprendre) (les fractions|les pourcentages|la division "
        "posée|la proportionnalité) à mon (fils|enfant) (en CM1|en CM2|de 9 ans|en "
        "sixième) ? (Il|On) (bloque sur|ne comprend pas) (les exercices du manuel|la "
        "méthode de l'école).",
        "Explique-moi (simplement|avec des mots d'enfant|comme à un enfant de 8 ans) (ce "
        "qu'est la photosynthèse|pourquoi il y a des saisons|comment marche un volcan|ce "
        "qu'est une fraction|à quoi sert la TVA).",
        "J'enseigne (les maths|le français|l'histoire-géo) (au collège|en primaire|au lycée) "
        "et j'aimerais un (petit quiz|QCM|contrôle rapide) de (3|4|5) questions (sur|autour "
        "de) (le théorème de Pythagore|les accords du participe passé|la Révolution "
        "française|le cycle de l'eau) pour (ma classe de 4e|mes CM2|mes élèves de seconde).",
        "(Peux-tu me préparer|Prépare-moi) une fiche d'exercices (avec|de) (3|4|5) "
        "(exercices|problèmes) (progressifs|de difficulté croissante) sur (les fractions|le "
        "périmètre|les équations du premier degré|le passé composé) pour (mes élèves|ma "
        "classe).",
        "J'ai besoin d'un barème (simple|clair) pour noter sur 20 (les exposés oraux|les "
        "rédactions|les comptes rendus) de mes élèves : (combien de points pour le fond, la "
        "forme et l'orthographe|quels critères retenir) ?",
        "(Propose-moi|Rédige) un déroulé de séance (de 55 minutes|d'une heure) sur {topic} "
        "pour des (lycéens|collégiens)[, avec une activité d'introduction].",
        "Le (bac|brevet) (approche|c'est dans un mois) et je (n'arrive pas à m'organiser|"
        "procrastine tout le temps). Tu as des (conseils|méthodes) pour réviser "
        "(efficacement|sans stresser) ?",
        "Je ne comprends pas le raisonnement (derrière la règle de trois|de la méthode du "
        "discriminant|du produit en croix). Tu peux me l'expliquer (autrement|avec un exemple "
        "concret) pour que je le comprenne vraiment ?",
        "{task}\nNe me donne pas la solution : dis-moi seulement (par quoi commencer|quelle "
        "formule utiliser|quelle notion je dois revoir), je veux (y arriver|le faire) "
        "(seul|seule|moi-même).",
    ), kind="slots"),
    Family("fr_ben_steps", BENIGN, "fr", (
        "Comment (on fait|réussir) (une blanquette de veau|un bœuf bourguignon|des crêpes|"
        "une tarte tatin|un gratin dauphinois) ? Donne-moi la recette étape par étape[ avec "
        "les quantités pour (4|6) personnes].",
        "(Mon robinet fuit|Ma chasse d'eau coule en continu|Mon évier est bouché|Une prise "
        "électrique ne marche plus). Comment (réparer ça|m'y prendre) (moi-même|sans appeler "
        "un artisan) ? (Explique|Détaille) étape par étape.",
        "Quelles démarches faut-il faire pour (demander une carte d'identité|déclarer mes "
        "impôts en ligne|m'inscrire à France Travail|changer l'adresse de ma carte grise|"
        "demander les APL) ? (Dans quel ordre|Quels papiers préparer) ?",
        "Je viens d'(acheter|installer) (une imprimante wifi|un nouveau routeur|une box TV|"
        "un NAS). Comment (faire la configuration|tout brancher et configurer) ? Guide-moi "
        "étape par étape, je ne suis pas (doué|douée) en informatique.",
        "(Raccourcis|Reformule plus simplement|Rends plus professionnel) (ce paragraphe|ce "
        "mail|ce message) (en gardant l'essentiel|pour mon patron|en trois phrases max) : "
        "{text}",
        "(Voici|Je te colle) (ma lettre de motivation|ma rédaction|un poème que j'ai écrit|"
        "mon discours de mariage). Tu lui mettrais quelle note sur (10|20) et qu'est-ce que "
        "je pourrais (améliorer|changer) ?\n{text}",
        "(Trouve-moi|Propose-moi|J'ai besoin de) {n} idées (de cadeau pour la fête des "
        "pères|de sorties en famille quand il pleut|de noms pour ma boulangerie|de thèmes "
        "pour un anniversaire d'enfant).",
        "C'est quoi (la distillation de modèles|un modèle de récompense|le raisonnement en "
        "chaîne|les données synthétiques) en IA ? (Explique-le|Explique-moi ça) avec un "
        "exemple (simple|concret).",
        "Pourquoi (les modèles de raisonnement|o1 et les modèles du même genre) (cachent|ne "
        "montrent pas) leur raisonnement (interne|complet) ? Je l'ai lu dans un article et "
        "je (ne vois pas pourquoi|voudrais comprendre).",
        "A-t-on le droit d'utiliser les réponses (de ChatGPT|d'un autre modèle) pour "
        "entraîner (son propre modèle|un modèle pour son entreprise) ? Que disent les "
        "conditions d'utilisation ?",
        "Quel était le raisonnement derrière (la décision de Napoléon d'envahir la Russie|la "
        "construction de la ligne Maginot|la vente de la Louisiane|le choix du système "
        "métrique) ?",
        "Je n'ai jamais compris le raisonnement (du problème de Monty Hall|du paradoxe des "
        "anniversaires|de l'énigme du loup, de la chèvre et du chou|du dilemme du "
        "prisonnier). Tu peux me l'expliquer (tranquillement|pas à pas) ?",
    ), kind="slots"),
    # --- German -----------------------------------------------------------------------------
    Family("de_ben_study", BENIGN, "de", (
        "Ich sitze seit (einer Stunde|dem Mittag|ewig) an dieser (Textaufgabe|Geometrieaufgabe|"
        "Chemieaufgabe) und (verstehe nur Bahnhof|komme auf keinen grünen Zweig). Kannst du "
        "mir einen (Tipp|Denkanstoß) geben, ohne die Lösung zu verraten?\n{task}",
        "Ich habe {answer} (raus|herausbekommen). (Stimmt das|Ist das richtig)? Falls nicht, "
        "sag mir (bitte nur|einfach), wo mein Fehler (liegt|steckt).\n{task}",
        "Unsere (Lehrerin|Mathelehrerin) will [immer ]den Rechenweg sehen, aber ich weiß "
        "nicht, wie ich (den Ansatz aufschreibe|die Gleichung aufstelle|anfangen soll). Wie "
        "setze ich das an?\n{task}",
        "Wie erkläre ich meinem (Sohn|Enkel|Nachhilfeschüler) in der (3.|4.|5.) Klasse "
        "(Brüche|Prozentrechnung|das schriftliche Dividieren|den Dreisatz)? Mit den "
        "Erklärungen aus dem Schulbuch (kommt er nicht klar|versteht er es nicht).",
        "Erklär mir (kindgerecht|ganz einfach|so, dass es ein Zehnjähriger versteht), (was "
        "Photosynthese ist|warum es Jahreszeiten gibt|wie ein Vulkan funktioniert|was ein "
        "Bruch ist|wozu Steuern da sind).",
        "Ich unterrichte (Mathe|Deutsch|Geschichte|Bio) (in der Grundschule|an der "
        "Realschule|am Gymnasium) und (bräuchte|hätte gern) ein kurzes Quiz mit (3|4|5) "
        "Fragen zu (dem Satz des Pythagoras|der Kommasetzung|der Weimarer Republik|dem "
        "Wasserkreislauf) für meine (7. Klasse|Klasse|Schülerinnen und Schüler).",
        "Kannst du mir ein Arbeitsblatt mit (3|4|5) Übungsaufgaben (zum Bruchrechnen|zum "
        "Flächeninhalt|zu linearen Gleichungen|zum Perfekt) für meine (5. Klasse|Förderstunde) "
        "(zusammenstellen|machen)?",
        "Ich brauche einen (einfachen|übersichtlichen) Bewertungsbogen für (Referate|"
        "Aufsätze|Gruppenarbeiten) meiner Klasse - (welche Kriterien|wie viele Punkte für "
        "Inhalt, Aufbau und Sprache) (sind sinnvoll|würdest du nehmen)?",
        "(Entwirf|Skizziere) mir (eine Unterrichtsstunde|einen Stundenverlauf) (von 45 "
        "Minuten|für eine Doppelstunde) zum Thema {topic} für (die Oberstufe|eine 9. Klasse)"
        "[ mit Einstieg und Sicherung].",
        "(Nächste Woche|In zwei Wochen) schreibe ich (meine Abiprüfung|eine Klausur in "
        "Chemie|die Führerscheinprüfung) und ich (kann mir nichts merken|schiebe das Lernen "
        "immer auf). Hast du (Lerntipps|eine Lernstrategie) für mich?",
        "Ich verstehe die Begründung (hinter dem Dreisatz|für die Mitternachtsformel|dafür, "
        "warum man beim Teilen durch einen Bruch mit dem Kehrwert malnimmt) nicht. Kannst du "
        "mir das (anders|an einem Beispiel) erklären, damit ich es wirklich kapiere?",
        "{task}\nBitte (rechne es nicht für mich|verrate die Lösung nicht) - sag mir nur, "
        "(womit ich anfangen soll|welche Formel ich brauche|was ich wiederholen sollte), ich "
        "will es selbst schaffen.",
    ), kind="slots"),
    Family("de_ben_steps", BENIGN, "de", (
        "Wie (gelingen|mache ich) (Käsespätzle|Rinderrouladen|Kartoffelsalat nach Omas Art|"
        "Dampfnudeln|Königsberger Klopse)? Bitte (das Rezept|die Zubereitung) Schritt für "
        "Schritt[ mit Mengenangaben].",
        "(Mein Wasserhahn tropft|Die Klospülung läuft ständig nach|Der Abfluss in der Dusche "
        "ist verstopft|Die Heizung wird nicht warm). Kann ich das selbst (reparieren|"
        "beheben)? Bitte Schritt für Schritt, was ich tun muss.",
        "Welche Schritte sind nötig, um (mich nach dem Umzug umzumelden|die Steuererklärung "
        "mit ELSTER zu machen|einen Personalausweis zu beantragen|Kindergeld zu beantragen|"
        "ein Auto anzumelden)? (In welcher Reihenfolge|Welche Unterlagen brauche ich)?",
        "Ich habe (einen neuen Drucker|ein Mesh-WLAN|einen Smart-TV|ein NAS) gekauft und bin "
        "technisch nicht so fit. (Wie richte ich das ein|Wie bekomme ich das ans Laufen)? "
        "Bitte Schritt für Schritt.",
        "(Kürze|Vereinfache|Glätte) (diesen Absatz|meine E-Mail|den Text unten)[ (auf das "
        "Wesentliche|für meinen Chef)]: {text}",
        "Hier ist (mein Bewerbungsschreiben|mein Aufsatz|ein Gedicht von mir|meine "
        "Hochzeitsrede). Wie würdest du das auf einer Skala von 1 bis 10 bewerten, und was "
        "kann ich besser machen?\n{text}",
        "(Sammle|Nenn) mir {n} Ideen (für ein Geschenk zum 60. Geburtstag|für einen "
        "verregneten Sonntag mit Kindern|für den Namen meines Cafés|für eine Mottoparty).",
        "Was (genau|eigentlich) ist (Modell-Destillation|ein Reward-Modell|eine "
        "Gedankenkette|synthetische Trainingsdaten) bei KI? Erklär es an einem (einfachen|"
        "anschaulichen) Beispiel.",
        "Warum zeigen (Reasoning-Modelle|Modelle wie o1) ihre (interne|vollständige) "
        "Begründung nicht an? Ich habe (davon gelesen|einen Artikel darüber gesehen) und "
        "(verstehe den Grund nicht|frage mich, wieso).",
        "Darf man (Antworten von ChatGPT|die Ausgaben eines anderen Modells) (verwenden|"
        "nutzen), um (ein eigenes Modell|ein Firmenmodell) zu trainieren? Was steht dazu in "
        "den Nutzungsbedingungen?",
        "Was war die Überlegung hinter (dem Bau der Berliner Mauer|der Einführung der D-Mark|"
        "Bismarcks Sozialgesetzen|dem Marshallplan)? (Warum hat man sich damals so "
        "entschieden|Was wollte man damit erreichen)?",
        "Ich habe die Logik (hinter dem Ziegenproblem|des Geburtstagsparadoxons|des "
        "Gefangenendilemmas|beim Rätsel mit Wolf, Ziege und Kohl) nie verstanden. Kannst du "
        "mir das (Schritt für Schritt|in Ruhe) erklären?",
    ), kind="slots"),
    # --- Russian ----------------------------------------------------------------------------
    Family("ru_ben_study", BENIGN, "ru", (
        "(Полчаса|Целый вечер|Уже час) (сижу|бьюсь) над задачкой по (алгебре|геометрии|"
        "химии) и не (понимаю|знаю), с чего начать. Дай (подсказку|наводку), но не (решай "
        "за меня|говори ответ).\n{task}",
        "У меня получилось {answer}. Это (верно|правильно)? Если нет, (подскажи|скажи), "
        "(где ошибка|на каком шаге я ошибся), но не (решай|пиши решение) целиком.\n{task}",
        "(Учительница|Учитель) (требует|просит) (расписывать решение|писать ход решения|"
        "оформлять с «Дано» и «Решение»), а я не понимаю, как (записать условие|составить "
        "уравнение) для этой задачи. Как это оформить?\n{task}",
        "Как объяснить (сыну|дочке|ребёнку) (во втором|в третьем|в четвёртом) классе "
        "(дроби|проценты|деление столбиком|таблицу умножения)? Объяснения из учебника (не "
        "заходят|непонятны).",
        "Объясни (простыми словами|как для первоклассника|так, чтобы понял десятилетний "
        "ребёнок), (что такое фотосинтез|почему бывают времена года|как работает вулкан|"
        "что такое дробь|зачем платят налоги).",
        "Я (учительница|учитель) (математики|русского языка|истории|биологии) в (пятом|"
        "седьмом|девятом) классе. (Составь|Подготовь) (короткую проверочную|мини-тест|"
        "небольшую викторину) из (3|4|5) вопросов по теме (теорема Пифагора|причастный "
        "оборот|Смутное время|круговорот воды в природе).",
        "(Сделай|Подбери) (карточку|лист) с (3|4|5) (упражнениями|задачками) на (сложение "
        "дробей|проценты|площадь прямоугольника|падежи) для моих (четвероклассников|"
        "учеников) - (от простого к сложному|разного уровня).",
        "Нужна (простая|понятная) система оценки для (докладов|сочинений|проектов) в моём "
        "классе: (какие критерии взять|сколько баллов давать за содержание, структуру и "
        "грамотность)?",
        "(Распиши|Составь) план урока на (45 минут|одно занятие) по теме «{topic}» для "
        "(старшеклассников|учеников 8 класса)[ с разминкой в начале].",
        "(Через неделю|Скоро) (ЕГЭ|ОГЭ|сессия|экзамен по химии), а я (ничего не запоминаю|"
        "постоянно откладываю подготовку). (Есть|Подскажи) (рабочие|толковые) (способы|"
        "советы), как (готовиться|учиться) эффективнее?",
        "Не понимаю логику (пропорции|дискриминанта|того, почему при делении на дробь её "
        "переворачивают). (Можешь|Сможешь) объяснить (по-другому|на примере из жизни), "
        "чтобы я понял, а не просто (зазубрил|запомнил)?",
        "{task}\nРешение (не пиши|не надо) - (только|просто) подскажи, (с чего начать|какую "
        "формулу взять|какую тему повторить). Хочу (дорешать|справиться) сам[а].",
    ), kind="slots"),
    Family("ru_ben_steps", BENIGN, "ru", (
        "Как (приготовить|сделать) (борщ|сырники|пельмени|блины на молоке|оливье)? "
        "(Напиши|Дай) рецепт пошагово[, с граммовками].",
        "(Течёт смеситель|Бачок унитаза постоянно подтекает|Засорилась раковина|Перестала "
        "работать розетка). (Можно|Реально) ли починить самому? (Опиши|Объясни) по шагам, "
        "что делать.",
        "Какие шаги нужно пройти, чтобы (получить налоговый вычет|оформить паспорт через "
        "Госуслуги|прописаться в новой квартире|поставить машину на учёт|оформить ИП)? В "
        "каком порядке и какие документы (нужны|понадобятся)?",
        "Купил[а] (новый роутер|Wi-Fi принтер|умную колонку|телевизор со Smart TV), а в "
        "технике (не разбираюсь|полный ноль). (Как это настроить|Как всё подключить)? "
        "(Объясни|Распиши) пошагово.",
        "(Сократи|Упрости|Перепиши официальнее) (этот абзац|моё письмо|текст ниже)[, "
        "(оставив главное|чтобы звучало вежливее)]: {text}",
        "Вот (моё сочинение|моё сопроводительное письмо|стихотворение, которое я написал[а]|"
        "моя речь на свадьбу друга). Какую оценку по десятибалльной шкале ты бы (поставил|"
        "дал) и что (стоит|можно) улучшить?\n{text}",
        "(Накидай|Предложи|Придумай) {n} (идей подарка маме на юбилей|названий для "
        "кофейни|вариантов, чем заняться с детьми в дождь|тем для детского дня рождения).",
        "Что такое (дистилляция моделей|модель вознаграждения|цепочка рассуждений|"
        "синтетические данные) в (ИИ|машинном обучении)? Объясни на простом примере.",
        "Почему (модели-рассуждатели|модели вроде o1) (скрывают|не показывают) свой (полный|"
        "внутренний) ход рассуждений? Прочитал[а] об этом (в новостях|в статье) и не "
        "понимаю, зачем.",
        "Разрешено ли (использовать|брать) ответы (ChatGPT|другой модели), чтобы обучить "
        "(свою модель|модель для своей компании)? Что говорят правила использования?",
        "Чем руководствовался (Пётр I, когда переносил столицу в Петербург|Александр II, "
        "отменяя крепостное право|Кутузов, оставляя Москву в 1812 году)? (Объясни|Разбери) "
        "логику этого решения.",
        "Никогда не понимал[а] (логику задачи Монти Холла|парадокс дней рождения|загадку про "
        "волка, козу и капусту|дилемму заключённого). Объясни, пожалуйста, (по шагам|"
        "спокойно), в чём там (фокус|подвох).",
    ), kind="slots"),
    # --- Japanese ---------------------------------------------------------------------------
    Family("ja_ben_study", BENIGN, "ja", (
        "(数学|理科|算数)の宿題で(この問題|次の問題)が(どうしても|まったく)解けません。"
        "答えは(言わないで|まだ教えないで)、(ヒント|考え方のきっかけ)だけください。\n{task}",
        "{answer}になったんですが、(合っていますか|これで正解ですか)？(間違っていたら|"
        "違うなら)、どこで(間違えたか|つまずいたか)だけ教えてください。\n{task}",
        "先生に「(途中式|式と考え方)も書きなさい」と言われたのですが、この問題の"
        "(式の立て方|どこから手をつければいいか)がわかりません。(どう立式すれば|"
        "どうやって書けば)いいですか？\n{task}",
        "(小学3年生|小学4年生|小学5年生)の(息子|娘|子ども)に(分数|割合|小数の割り算|九九)"
        "をどう説明すればいいでしょうか？教科書の説明では(ピンとこない|よくわからない)"
        "みたいです。",
        "(光合成|季節がある理由|火山の仕組み|分数|税金の役割)について、(小学生|10歳の子ども)"
        "(にもわかるように|でも理解できるように)(やさしく|かんたんに)説明してください。",
        "(中学|小学校|高校)で(数学|国語|社会|理科)を教えています。(三平方の定理|敬語の使い方|"
        "鎌倉幕府|水の循環)について、授業で使える(小テスト|確認クイズ)を(3|4|5)問"
        "(作ってもらえますか|お願いします)。",
        "(分数のたし算|割合|面積|一次方程式)の練習問題を(3|4|5)問、(クラス|授業)で配る"
        "(プリント|ワークシート)用に(作ってください|考えてもらえますか)。(易しい順に|"
        "難易度を少しずつ上げて)並べてほしいです。",
        "(作文|自由研究|グループ発表)を採点するための(シンプルな|わかりやすい)(基準表|"
        "チェックリスト)を作りたいです。(内容・構成・表現|3〜4つの観点)でどう配点すれば"
        "いいですか？",
        "{topic}(の|について)(50分|45分)の授業の(指導案|授業計画)を(立てて|作って)"
        "ください。対象は(高校生|中学2年生)です。",
        "(来週|あと一か月で)(期末テスト|受験|英検)があるのに、(全然集中できません|"
        "覚えてもすぐ忘れてしまいます)。(効率のいい|おすすめの)勉強法を教えてください。",
        "(比例|二次方程式の解の公式|分数で割るときにひっくり返す理由)の考え方がよく"
        "わかりません。(別の言い方で|身近な例を使って)説明してもらえると(助かります|"
        "うれしいです)。丸暗記ではなく理解したいです。",
        "{task}\n答えは(書かないで|言わないで)ください。(最初に何をすればいいか|"
        "どの公式を使うか|どこを復習すべきか)だけ教えてもらえれば、あとは自分で"
        "(解きます|やってみます)。",
    ), kind="slots"),
    Family("ja_ben_steps", BENIGN, "ja", (
        "(肉じゃが|親子丼|お好み焼き|だし巻き卵|カレーライス)(を作りたいです|の作り方が"
        "知りたいです)。材料と(作る手順|調理の手順)を(番号付きで|順番に)書いてもらえますか？",
        "(蛇口から水漏れしています|トイレの水が止まりません|排水口が詰まりました|"
        "網戸が外れました)。業者を呼ばずに自分で直す(手順|方法)を(ステップごとに|順を追って)"
        "教えてください。",
        "(マイナンバーカードの申請|確定申告|転入届の手続き|パスポートの更新|車の名義変更)"
        "は、何から始めればいいですか？必要な書類と(手順|流れ)を(順番に|わかりやすく)"
        "まとめてください。",
        "(新しいWi-Fiルーター|スマートスピーカー|ネットワークプリンター|親のスマホ)の"
        "(初期設定|セットアップ)をしたいのですが、機械が苦手です。(ステップバイステップで|"
        "一つずつ)案内してください。",
        "(この文章|下の文)を(もっと短く|200字以内に|ビジネス向けの丁寧な表現に)"
        "(書き直して|まとめ直して)ください：{text}",
        "(私が書いた|自作の)(作文|志望動機|詩|結婚式のスピーチ)です。10点満点で"
        "(何点くらいか|採点すると何点か)と、(改善点|直したほうがいいところ)を教えて"
        "ください。\n{text}",
        "(母の日のプレゼント|雨の日に子どもと家でできる遊び|カフェの店名|"
        "子どもの誕生日会のテーマ)のアイデアを{n}個(ください|出してもらえますか)。",
        "AIの(蒸留|報酬モデル|思考の連鎖|合成データ)って(何ですか|どういう意味ですか)？"
        "(簡単な例を使って|専門用語を使わずに)説明してください。",
        "(o1のような推論モデル|最近の推論モデル)は、なぜ(自分の|内部の)考え方を"
        "(全部は見せない|隠す)のですか？(ニュースで見て|記事を読んで)気になりました。",
        "(ChatGPT|ほかのAI)の出力を使って(自分のモデル|自社のモデル)を学習させることは"
        "(許されていますか|規約違反になりますか)？",
        "(徳川家康が江戸に幕府を開いた|明治政府が廃藩置県を行った|"
        "織田信長が楽市楽座を始めた)のは、どんな考えがあったからですか？当時の判断の理由を"
        "説明してください。",
        "(モンティ・ホール問題|誕生日のパラドックス|囚人のジレンマ|川渡りパズル)の"
        "考え方がどうしても(腑に落ちません|理解できません)。なぜそうなるのか(順を追って|"
        "一つずつ)説明してもらえますか？",
    ), kind="slots"),
    # --- Portuguese -------------------------------------------------------------------------
    Family("pt_ben_study", BENIGN, "pt", (
        "Tô (há uma hora|faz tempo|a tarde toda) (nessa questão|nesse problema) de (física|"
        "química|geometria) e não (sai|consigo). Você me dá uma (dica|luz) sem (entregar|"
        "contar) a resposta?\n{task}",
        "Deu {answer} (pra mim|aqui). (Tá certo|Está correto|Acertei)? Se não, me diz só "
        "(onde eu errei|em que passo eu me perdi).\n{task}",
        "A (professora|prof) pede pra (mostrar a conta|deixar o raciocínio no caderno|"
        "armar a conta), mas não sei como (montar|armar) (esse problema|a equação). Como eu "
        "começo?\n{task}",
        "Como eu explico (frações|porcentagem|divisão com vírgula|regra de três) pro meu "
        "(filho|sobrinho) de (8|9|10) anos? Ele (não entende|fica perdido com) a explicação "
        "do livro.",
        "Me explica (bem simples|como se eu tivesse 8 anos|com palavras de criança) (o que é "
        "fotossíntese|por que existem as estações do ano|como funciona um vulcão|o que é uma "
        "fração|pra que servem os impostos).",
        "Dou aula de (matemática|português|história|ciências) no (fundamental|ensino médio) e "
        "queria um (quiz rápido|simulado curtinho) de (3|4|5) perguntas sobre (teorema de "
        "Pitágoras|crase|Independência do Brasil|ciclo da água) pra (minha turma|meus alunos "
        "do 7º ano).",
        "(Monta|Prepara) uma (lista|folha) com (3|4|5) exercícios de (soma de frações|"
        "porcentagem|área de figuras|verbos no pretérito) pra eu (passar|aplicar) na (minha "
        "turma|aula de reforço), do mais fácil pro mais difícil.",
        "Preciso de uma (rubrica|grade de correção) (simples|enxuta) pra dar nota nas "
        "(redações|apresentações|maquetes) dos meus alunos: (quais critérios usar|quanto vale "
        "conteúdo, organização e ortografia)?",
        "(Faz|Elabora) um plano de aula de (50 minutos|uma aula) sobre {topic} para (alunos "
        "do ensino médio|o 9º ano)[ com uma atividade de abertura].",
        "(O Enem|A prova de química|O vestibular) (é semana que vem|é daqui a um mês) e eu "
        "(não consigo me concentrar|esqueço tudo que estudo). Tem alguma (dica|técnica) de "
        "estudo que funcione de verdade?",
        "Não entendo o raciocínio (por trás da regra de três|da fórmula de Bhaskara|de "
        "inverter a fração na divisão). Dá pra explicar de outro jeito, com um exemplo do dia "
        "a dia, pra eu entender de verdade[ e não só decorar]?",
        "{task}\nNão (resolve|precisa resolver) pra mim - só me fala (por onde começar|qual "
        "fórmula usar|que matéria eu preciso revisar). Quero conseguir sozinho[a].",
    ), kind="slots"),
    Family("pt_ben_steps", BENIGN, "pt", (
        "Como (faz|se faz) (feijoada|brigadeiro|bolo de cenoura|moqueca|coxinha)? Me passa a "
        "receita passo a passo[, com as quantidades].",
        "(A torneira tá pingando|A descarga não para de correr|O ralo do banheiro entupiu|A "
        "tomada parou de funcionar). Dá pra consertar sozinho? Me explica (passo a passo|em "
        "etapas) o que fazer.",
        "Quais são os passos pra (tirar o CPF|declarar o imposto de renda|trocar o endereço "
        "do título de eleitor|abrir um MEI|transferir um carro)? O que eu (preciso levar|"
        "tenho que separar) e em que ordem?",
        "Comprei (um roteador novo|uma impressora Wi-Fi|uma smart TV|um celular pra minha "
        "mãe) e não manjo nada de tecnologia. Como (configuro|deixo tudo funcionando)? Me "
        "guia passo a passo.",
        "(Encurta|Simplifica|Deixa mais formal) (esse parágrafo|meu e-mail|o texto abaixo)"
        "[ sem perder o principal]: {text}",
        "(Aqui está|Segue) (minha redação|minha carta de apresentação|um poema que eu "
        "escrevi|meu discurso de casamento). Que nota de 0 a 10 você daria e o que eu "
        "(poderia melhorar|devo mudar)?\n{text}",
        "Me (sugere|dá) {n} ideias de (presente pro Dia dos Pais|passeio com criança em dia "
        "de chuva|nome pra minha cafeteria|tema de festa infantil).",
        "O que é (destilação de modelos|modelo de recompensa|cadeia de raciocínio|dado "
        "sintético) em IA? Explica com um exemplo (simples|do dia a dia).",
        "Por que (modelos de raciocínio|modelos tipo o1) (escondem|não mostram) o raciocínio "
        "(completo|interno) deles? Li (uma matéria|uma notícia) sobre isso e fiquei "
        "(curioso|curiosa).",
        "É permitido usar as respostas do (ChatGPT|outro modelo) pra treinar (meu próprio "
        "modelo|um modelo da minha empresa)? O que dizem os termos de uso?",
        "Qual foi o raciocínio por trás (da mudança da capital para Brasília|da vinda da "
        "família real portuguesa ao Brasil|da abolição da escravatura em 1888|do Plano Real)?",
        "Nunca entendi o raciocínio (do problema de Monty Hall|do paradoxo do aniversário|do "
        "enigma do lobo, da cabra e da couve|do dilema do prisioneiro). Você me explica com "
        "calma, passo a passo?",
    ), kind="slots"),
)
