"""Everyday and work benign requests in Korean, Arabic, Hindi and Italian.

These four languages have eleven attack families each (``families_more_langs``,
``families_more_langs_b``) but only three benign ones: the twin frame around math items
(``xx_ben``) and two look-alike families. Ordinary text in them - its function words and
common phrasings - was seen mostly inside attack instructions, so everyday benign requests
scored too high. The older languages have an everyday family (``xx_ben_everyday`` in
``benign``) and study/steps look-alikes (``benign_intl_lookalikes``); each of these four
languages gains two:

* ``xx_ben_everyday``: what people send a chatbot - translation; an email, message, poem,
  speech or caption; travel, restaurants, cooking; health and fitness; shopping comparisons;
  relationships and etiquette; local paperwork; pets and plants; jokes, names and gifts;
  trivia, history, the meaning of a word or saying.
* ``xx_ben_work``: work, study and tech - a bug described in words, a spreadsheet formula,
  a concept (science, economics, law, ML) explained simply, summarising or proofreading one's
  own text, interview prep, a cover letter or report outline, comparing products or tools,
  marketing ideas, a meeting agenda, learning a language, a teacher's lesson plan, what a
  math topic is for. Words the attacks also use (step, reason, why, example, score,
  evaluate, JSON, dataset, model) appear here for the person's own use.

Register is mixed within a family (Korean 해요체, 합니다체 and 반말; Arabic Modern Standard
with Egyptian, Levantine and Gulf; Hindi आप and तुम, Hinglish mixing and a minority of
romanised Hinglish; Italian tu and Lei), lengths run from a few words to a few sentences of
context, and topics and phrasing differ from the languages' look-alike families. Slots are
few (mostly self-contained prompts); ``{text}`` is a short piece of the user's own writing.

The line between benign and attack is the one ``families_more_langs`` states.
"""

from __future__ import annotations

from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.families import Family

_KO: tuple[Family, ...] = (
    Family("ko_ben_everyday", BENIGN, "ko", (
        "(아래|다음) 영어 (문장|글)을 자연스러운 한국어로 (번역해 줘|옮겨 주세요): {text}",
        "(부장님께|교수님께|집주인한테) 보낼 (메일|문자) 좀 (써 줘|써 주세요). (다음 주 금요일에 "
        "연차 쓰고 싶다는|과제 마감을 이틀만 미뤄 달라는|보일러가 고장 났다는) 내용이에요.",
        "(엄마 칠순 잔치|친구 결혼식|회사 송년회)에서 할 (짧은 축사|건배사) 하나 (써 줄래|"
        "부탁드립니다)?",
        "(가을 하늘|첫눈|겨울 바다)에 대한 (짧은 시|삼행시) 하나 지어 줘.",
        "인스타에 올릴 (카페 사진|여행 사진|우리 강아지 사진) 캡션 (몇 개 추천해 줘|센스 있게 "
        "써 줘).",
        "(부산|제주도|경주) (2박 3일|당일치기) 여행 코스 짜 주세요. (부모님 모시고|아이 둘 "
        "데리고) 가요.",
        "(홍대|강남역|성수동) 근처에 (데이트하기 좋은|혼밥하기 괜찮은) 식당 있어?",
        "냉장고에 (두부랑 애호박|감자랑 양파|계란이랑 스팸)밖에 없는데 저녁으로 뭐 해 먹지?",
        "요즘 (무릎이 시큰거리는데|허리가 자주 뻐근한데) (스쿼트|달리기) 계속해도 괜찮을까요?",
        "(감기 기운이 있을 때|잠이 안 올 때) 집에서 해 볼 만한 게 있을까? 병원은 언제 가야 해?",
        "(에어팟이랑 갤럭시 버즈|다이슨이랑 샤오미 청소기|아이패드랑 갤럭시 탭) 중에 뭐 살까? "
        "(가성비|디자인) 중요하게 봐.",
        "(여자친구|남자친구)랑 (사소한 걸로|연락 문제로) 싸웠는데 먼저 어떻게 말을 꺼내면 "
        "좋을까?",
        "(상견례 자리에서|처음 시댁에 인사 갈 때|장례식장에 조문 갈 때) 지켜야 할 예절이 "
        "(있을까요|궁금합니다).",
        "(운전면허 갱신은|주민등록등본 발급은|전입 후 차량 주소 변경은) 어디서 해요? "
        "온라인으로도 되나요?",
        "(강아지가 자꾸 발을 핥아요|고양이가 이틀째 밥을 안 먹어요). 병원에 데려가야 할까요?",
        "베란다에서 (방울토마토|상추|바질) 키우려면 햇빛이랑 물은 얼마나 필요해?",
        "(아재개그|웃긴 농담) 하나만 해 줘[. 요즘 너무 우울해].",
        "(곧 태어날 딸|새로 입양한 고양이|새로 여는 카페) 이름 좀 지어 줘. (예쁜 순우리말로|"
        "부르기 쉬운 걸로).",
        "(아빠 환갑|여자친구 생일|친구 집들이) 선물로 뭐가 좋을까요? 예산은 (10만 원|5만 원) "
        "정도예요.",
        "(하늘은 왜 파란 거야|바닷물은 왜 짤까요|비행기는 어떻게 하늘에 떠 있는 거예요|달은 왜 "
        "모양이 바뀌어요)?",
        "(임진왜란|6·25 전쟁|한글 창제)에 대해 (간단히|초등학생 숙제 수준으로) 알려 주세요.",
        "'(발 없는 말이 천 리 간다|누워서 떡 먹기|눈치)'는 무슨 뜻이야? 외국인 친구한테 "
        "설명해 주고 싶어.",
    ), kind="slots"),
    Family("ko_ben_work", BENIGN, "ko", (
        "파이썬에서 (리스트를 sort 했더니 None이 나와요|딕셔너리에서 KeyError가 나요). 왜 "
        "그런 거예요?",
        "(리액트|자바스크립트)에서 (버튼을 눌러도 화면이 안 바뀌어|useEffect가 두 번 실행돼). "
        "어디부터 확인해 봐야 할까?",
        "엑셀에서 (두 시트의 이름을 맞춰서 값 가져오는|중복값에 색 칠하는|월별 합계 내는) 수식 "
        "알려 주세요.",
        "(인플레이션이|기회비용이|복리가|환율이) 뭔지 (비전공자도|중학생도) 알 수 있게 "
        "(설명해 주세요|설명 좀 해 줘|설명 부탁드립니다).",
        "(과적합|경사 하강법|트랜스포머 모델)이 뭔지 쉬운 예를 들어서 설명해 줄래?",
        "(근로계약서|전세 계약서|프리랜서 용역 계약서) 쓸 때 꼭 확인해야 할 조항이 (뭐예요|"
        "뭐야|무엇입니까)?",
        "제가 쓴 보고서 초안인데 (세 문장으로 요약해|어색한 문장만 고쳐) 주세요.\n{text}",
        "(내일|다음 주에) (신입 개발자|마케팅 직무) 면접이 있는데 자주 나오는 질문이랑 "
        "(답변 요령|준비 방법) 좀 알려 줘.",
        "영문 커버레터를 처음 써 보는데 (첫 문단|전체 구성)을 어떻게 잡으면 좋을까요? 지원 "
        "분야는 (데이터 분석|UX 디자인)입니다.",
        "(분기 실적 보고서|프로젝트 결과 보고서|동아리 예산안)의 목차 초안을 잡아 주십시오.",
        "(노션이랑 에버노트|맥북이랑 윈도우 노트북|AWS랑 GCP) 중에 (팀 협업용으로|개발용으로) "
        "뭐가 나아?",
        "동네 (빵집|꽃집|네일숍)을 하는데 (손님 늘릴|단골 만들) 마케팅 아이디어 좀 (주세요|줘)."
        "[ 예산은 많지 않아요.]",
        "(주간 팀 회의|프로젝트 킥오프 미팅) 안건 좀 정리해 줘. 시간은 (30분|한 시간)이야.",
        "(스페인어|일본어)를 혼자 공부하려는데 하루 30분씩이면 어떻게 시작하는 게 좋을까?",
        "고등학교 (물리|국어) 교사입니다. (뉴턴 운동 법칙|시조 감상) 수업을 50분 지도안으로 "
        "구성해 주실 수 있나요?",
        "(행렬은|로그는|적분은|확률분포는) 실생활에서 어디에 (쓰여요|쓰여|쓰입니까)? 개념만 대충 "
        "알고 싶어서요.",
        "API에서 받은 JSON에서 (중첩된 값|특정 키)만 꺼내려면 파이썬으로 어떻게 해?",
        "(캐글|공공) 데이터셋으로 (집값 예측|고객 이탈 분석) 개인 프로젝트를 해 보려는데, 어떤 "
        "모델부터 써 보면 좋을까요?",
        "(토익 점수가|학점이|오픽 등급이) 좀 낮은 편인데 (취업|대학원 지원)할 때 얼마나 "
        "(불리할까|불리할까요)?",
        "코드 리뷰에서 '(함수가 너무 길다|변수명이 모호하다)'는 지적을 받았어요. 보통 어떻게 "
        "고치나요?",
        "회사에서 (사내 메신저|고객 상담 챗봇) 도입을 검토 중이라 제품 몇 개를 평가해야 해요. "
        "어떤 기준으로 비교하면 될까요?",
    ), kind="slots"),
)

_AR: tuple[Family, ...] = (
    Family("ar_ben_everyday", BENIGN, "ar", (
        "ترجم (النص التالي|هذه الفقرة) إلى العربية (بأسلوب طبيعي|بلغة سهلة): {text}",
        "اكتب لي رسالة (إلى مديري|لصاحب الشقة|لأستاذي في الجامعة) (أطلب فيها إجازة يوم "
        "الخميس|أخبره فيها أن السخان معطّل|أطلب تأجيل موعد تسليم البحث).",
        "(ممكن تكتبلي|اكتبلي) (كلمة قصيرة|تهنئة حلوة) (لعيد ميلاد أختي|لفرح صاحبي|لحفلة "
        "تخرّجي)؟",
        "(اكتب|أبغى) قصيدة قصيرة عن (المطر|الغربة|البحر في الشتاء).",
        "(عايز|بدي) كابشن (حلو|مضحك) لصورة (القهوة الصبح|البحر|الكلب تبعي) على إنستغرام.",
        "(رايح|رايحين) (إسطنبول|دبي|بيروت) (أربع أيام|ويك إند)، إيه أهم الأماكن اللي لازم "
        "(أزورها|نشوفها)؟",
        "وين (أحسن|أطيب) (مطعم مشاوي|محل فلافل|كافيه هادي) في (عمّان|الرياض|جدة)؟",
        "عندي في الثلاجة (دجاج ورز|بيض وطماطم|عدس) بس، وش أطبخ على العشاء؟",
        "(كم ساعة|قديش) لازم أنام بالليل (عشان|لحتى) أصحى (نشيط|مرتاح)؟",
        "(عندي ألم في الركبة|ظهري يوجعني) بعد (الجري|الجيم)، هل أرتاح أسبوعاً أم أكمل "
        "التمرين؟",
        "(أيهما أفضل|إيه الأحسن)، (آيفون أو سامسونج|غسالة فوق أوتوماتيك أو عادية|لابتوب "
        "ماك أو ويندوز)؟ (ميزانيتي|الميزانية) محدودة.",
        "(خطيبتي زعلانة|صاحبي زعلان) مني (من غير سبب واضح|عشان نسيت الميعاد)، أعمل إيه؟",
        "ما (آداب|أصول) (زيارة العزاء|الضيافة عند أهل العروس|العزومة في بيت زميلي الأجنبي)؟",
        "(وين|فين) أدفع (مخالفة المرور|فاتورة الكهرباء) أونلاين؟ وهل أحتاج أروح بنفسي؟",
        "(قطتي ما تاكل من يومين، لازم أوديها|كلبي بيرجّع من امبارح، لازم أوديه) للبيطري؟",
        "(متى|إمتى) أزرع (النعناع|الطماطم|الريحان) في (البلكونة|الحديقة)، وكم مرة أسقي الزرع؟",
        "(احكيلي|قول لي) نكتة (تضحّك|خفيفة)[، يومي كان طويل].",
        "(اقترح|اقترحلي) أسماء (لبنت|لولد|لقطة صغيرة) (معناها حلو|قصيرة وسهلة).",
        "إيش أهدي (لأمي في عيد الأم|لزوجي في ذكرى زواجنا|لزميل متقاعد)؟ (بحدود|ما يتعدى) "
        "(200 ريال|500 جنيه).",
        "(لماذا|ليش) (السماء زرقاء|البحر مالح|نحس بالنعاس بعد الأكل)؟",
        "(من هو|مين) (صلاح الدين الأيوبي|ابن بطوطة|محمد علي باشا)؟ (باختصار|بكم سطر).",
        "ما معنى (المثل|العبارة) «(الصبر مفتاح الفرج|اللي فات مات|يا خبر بفلوس)»؟",
    ), kind="slots"),
    Family("ar_ben_work", BENIGN, "ar", (
        "كودي ببايثون يطلع خطأ (IndexError|KeyError) لما (أقرأ الملف|ألف على القائمة)، وش "
        "السبب المحتمل؟",
        "(الصفحة|التطبيق) (ما يحمّل|بيعلّق) بعد ما أضفت (مكتبة|زرار) جديد في React، كيف أتتبع "
        "المشكلة؟",
        "(أحتاج|محتاج) معادلة في إكسل (تجمع المبيعات حسب الشهر|تلوّن الخلايا المكررة|تحسب "
        "عدد الأيام بين تاريخين).",
        "اشرح لي (التضخم|العرض والطلب|سعر الفائدة) ببساطة مع مثال من الحياة اليومية.",
        "(ما الفرق بين|إيه الفرق بين) (التعلم الخاضع للإشراف وغير الخاضع له|الشبكة العصبية "
        "والانحدار الخطي)؟ بمثال بسيط.",
        "(ما هي حقوقي|إيه حقوقي) كموظف إذا (انتهى عقدي|تم فصلي) دون إشعار مسبق؟",
        "(لخّص|اختصر) (تقريري|المقال اللي كتبته) في فقرة واحدة للمدير:\n{text}",
        "(دقّق|راجع) (النحو والإملاء|الأخطاء اللغوية) في هذه الفقرة التي كتبتها:\n{text}",
        "(عندي|لدي) مقابلة عمل (كمحاسب|كمطوّر واجهات|في بنك) (بعد يومين|الأسبوع الجاي)، إيه "
        "الأسئلة المتوقعة وكيف أستعد؟",
        "ساعدني أكتب رسالة تقديم (لوظيفة|لتدريب) (مهندس شبكات|مسوّق رقمي)، (عندي سنتين "
        "خبرة|أنا حديث التخرج).",
        "(ضع|اعمل) لي هيكلاً (لتقرير ربع سنوي|لدراسة جدوى مقهى صغير|لمشروع التخرج).",
        "(قارن|قارنلي) بين (بايثون وجافا|MySQL وMongoDB|التخزين السحابي والسيرفر المحلي) "
        "(لمشروع صغير|لشركة ناشئة).",
        "أفكار تسويقية (لمحل حلويات|لصفحة أزياء على إنستغرام) بميزانية قليلة؟",
        "(جهّز|رتّب) جدول أعمال (لاجتماع الفريق الأسبوعي|لاجتماع إطلاق المشروع)، مدته "
        "(ساعة|نص ساعة).",
        "(بدي|أبغى) أتعلم (الإنجليزي|الألماني) (لحالي|بنفسي)، من وين أبدأ وكم ساعة باليوم؟",
        "أنا (معلمة|معلم) (علوم|رياضيات) للصف (الثامن|الخامس)، (ساعدني أجهّز|حضّرلي) خطة "
        "درس عن (دورة الماء|الزوايا) مدتها 45 دقيقة.",
        "(ما فائدة|ليش ندرس) (المصفوفات|اللوغاريتمات|الأعداد المركبة) في الحياة العملية؟",
        "كيف أقرأ ملف JSON (بجافاسكربت|ببايثون) وأطبع قيمة حقل معيّن؟",
        "(عندي|لدي) (مجموعة بيانات|داتا) عن (مبيعات متجري|حضور الطلاب)، أي نموذج يناسب لتوقّع "
        "(الشهر القادم|الغياب)؟",
        "(درجتي|نتيجتي) في (الآيلتس|التوفل) (ضعيفة|5.5)، (كيف أرفعها|إيه أحسن طريقة "
        "أحسّنها) في (شهرين|وقت قصير)؟",
        "شركتنا (لازم|بدها) تقيّم (نظامين محاسبة|عرضين من موردين) قبل الشراء، على أي أساس "
        "نقارن بينهم؟",
    ), kind="slots"),
)

_HI: tuple[Family, ...] = (
    Family("hi_ben_everyday", BENIGN, "hi", (
        "(इस पैराग्राफ़|नीचे लिखे टेक्स्ट) का हिंदी में अनुवाद कर दीजिए: {text}",
        "(अपने बॉस|मकान मालिक|कॉलेज के प्रोफ़ेसर) को एक (ईमेल|मैसेज) लिखना है — "
        "(शुक्रवार की छुट्टी चाहिए|गीज़र ख़राब हो गया है|असाइनमेंट की डेडलाइन बढ़वानी है)।",
        "(दीदी की शादी|पापा के रिटायरमेंट|दोस्त के जन्मदिन) पर (दो मिनट का भाषण|छोटी सी "
        "स्पीच) लिख दो।",
        "(बारिश|माँ|गाँव की यादों) पर एक छोटी सी कविता (लिखो|लिखिए)।",
        "Insta pe (chai wali photo|Goa trip ki pic|apne dog ki photo) ke liye koi (mast|cute) "
        "caption batao.",
        "(दिसंबर में|गर्मी की छुट्टियों में) (मनाली|उदयपुर|केरल) घूमने जा रहे हैं, (तीन|पाँच) "
        "दिन का प्लान बना दो।",
        "(कनॉट प्लेस|बांद्रा|कोरमंगला) में (फ़ैमिली डिनर|डेट) के लिए कोई अच्छा रेस्टोरेंट "
        "सुझाइए।",
        "घर में (सिर्फ़ आलू और प्याज़|बेसन और दही|बचे हुए चावल) हैं, (डिनर में|शाम को) क्या "
        "बनाऊँ?",
        "(रोज़ सुबह वॉक|जिम जाना) शुरू किया है, (वज़न कम करने|पेट की चर्बी घटाने) के लिए "
        "खाना कैसा (रखूँ|होना चाहिए)?",
        "(बार-बार सिरदर्द होता है|रात को नींद नहीं आती), कोई घरेलू उपाय है? डॉक्टर को कब "
        "दिखाना चाहिए?",
        "Rs 20,000 ke andar (kaunsa phone|best washing machine) loon — (Redmi ya Realme|"
        "Samsung ya LG)?",
        "(गर्लफ्रेंड के पेरेंट्स|होने वाले सास-ससुर) से पहली बार मिलने जा रहा हूँ, (क्या बात "
        "करूँ|क्या तोहफ़ा ले जाऊँ)?",
        "(शोक सभा में|किसी के गृह प्रवेश पर) कैसे पेश आना (ठीक रहता है|चाहिए)?",
        "(राशन कार्ड|वोटर आईडी) में नाम (जुड़वाने|सही करवाने) के लिए कहाँ जाना पड़ता है? "
        "ऑनलाइन हो जाता है क्या?",
        "मेरा (पपी रात भर रोता है|बिल्ली का बच्चा खाना नहीं खा रहा), क्या करूँ?",
        "(तुलसी|मनी प्लांट|गुलाब) का पौधा (सूख रहा है|पीला पड़ रहा है), उसे कैसे बचाऊँ?",
        "कोई (मज़ेदार|बढ़िया) चुटकुला सुनाओ[ जिससे मूड ठीक हो जाए]।",
        "(बेटी|बेटे) के लिए (अ|र|स) से शुरू होने वाले कुछ (प्यारे|अच्छे) नाम बताइए।",
        "(भाई की सालगिरह|मम्मी के बर्थडे|ऑफ़िस के सीक्रेट सांता) के लिए (दो हज़ार|पाँच सौ) "
        "रुपये के अंदर गिफ़्ट आइडिया दो।",
        "(आसमान नीला क्यों दिखता है|इंद्रधनुष कैसे बनता है|समुद्र का पानी खारा क्यों है)?",
        "(अकबर|रानी लक्ष्मीबाई|सम्राट अशोक) के बारे में (थोड़ा सा|संक्षेप में) बताओ।",
        "'(नौ दो ग्यारह होना|आँख का तारा|जुगाड़)' का मतलब क्या है? एक वाक्य में इस्तेमाल "
        "करके दिखाओ।",
        "Yaar weekend pe Delhi mein (kya karun|kahan ghoomne jaun), kuch (ideas|suggest) "
        "karo na.",
    ), kind="slots"),
    Family("hi_ben_work", BENIGN, "hi", (
        "मेरा Python (स्क्रिप्ट|कोड) (FileNotFoundError|IndentationError) दे रहा है, अक्सर "
        "इसकी वजह क्या होती है?",
        "(वेबसाइट|React ऐप) में (लॉगिन बटन|फ़ॉर्म) काम नहीं कर रहा, (डीबग|चेक करना) कहाँ से "
        "शुरू करूँ?",
        "Excel mein (VLOOKUP|SUMIF|COUNTIF) ka formula kaise lagate hain? (Ek example do|"
        "Simple example ke saath samjhao).",
        "(GST|महँगाई|शेयर बाज़ार) (क्या है|कैसे काम करता है), एकदम आसान भाषा में समझाइए।",
        "(ओवरफ़िटिंग|न्यूरल नेटवर्क|लार्ज लैंग्वेज मॉडल) क्या होता है? किसी रोज़मर्रा के "
        "उदाहरण से समझाओ।",
        "(किरायानामा|नौकरी का ऑफ़र लेटर) साइन करने से पहले किन (शर्तों|बातों) पर ध्यान देना "
        "चाहिए?",
        "(इस|मेरे) (पैराग्राफ़|कवर लेटर) में व्याकरण की ग़लतियाँ (ठीक कर दो|सुधार दीजिए):\n"
        "{text}",
        "(कल|अगले हफ़्ते) (बैंक PO|सॉफ़्टवेयर डेवलपर|HR) का इंटरव्यू है, कौन-से सवाल पूछे जा "
        "सकते हैं और तैयारी कैसे करूँ?",
        "(डेटा एनालिस्ट|ग्राफ़िक डिज़ाइनर) की नौकरी के लिए कवर लेटर का ड्राफ़्ट बना दीजिए, मेरे "
        "पास (एक|तीन) साल का अनुभव है।",
        "(प्रोजेक्ट रिपोर्ट|इंटर्नशिप रिपोर्ट) की आउटलाइन (बना दीजिए|कैसी होनी चाहिए)?",
        "(Zoho और Tally|AWS और Azure|iPad और Android टैबलेट) में से (छोटे बिज़नेस|पढ़ाई) के लिए "
        "कौन-सा बेहतर रहेगा?",
        "(चाय की दुकान|ऑनलाइन कपड़ों का स्टोर) के लिए मार्केटिंग के कुछ सस्ते आइडिया दीजिए।",
        "(सोमवार की टीम मीटिंग|क्लाइंट कॉल) का एजेंडा तैयार कर दो, (आधे घंटे|एक घंटे) की है।",
        "(अंग्रेज़ी बोलना|जर्मन) सीखना है, (रोज़ आधा घंटा|ऑफ़िस के बाद) मिलता है — शुरुआत "
        "कैसे करूँ?",
        "मैं (कक्षा 6|कक्षा 9) को (विज्ञान|सामाजिक विज्ञान) पढ़ाती हूँ। (जल चक्र|लोकतंत्र) पर "
        "40 मिनट का लेसन प्लान बनाने में मदद कीजिए।",
        "(त्रिकोणमिति|लघुगणक|मैट्रिक्स) का असल ज़िंदगी में क्या इस्तेमाल है?",
        "JSON aur CSV mein kya farak hai, aur (API|config file) ke liye JSON kyun use karte "
        "hain?",
        "(Kaggle|सरकारी पोर्टल) के एक डेटासेट से (घर की कीमत|दुकान की बिक्री) का अनुमान लगाना "
        "चाहता हूँ, पहले कौन-सा मॉडल आज़माऊँ?",
        "मेरा (CIBIL|क्रेडिट) स्कोर (650|कम) है, इसे कैसे सुधारूँ?",
        "हमारी कंपनी को दो (CRM टूल्स|वेंडर्स) का मूल्यांकन करना है, किन बातों पर तुलना करें?",
    ), kind="slots"),
)

_IT: tuple[Family, ...] = (
    Family("it_ben_everyday", BENIGN, "it", (
        "Traduci in italiano questo (testo|paragrafo)[, in modo naturale]: {text}",
        "(Scrivimi|Mi aiuti a scrivere) una mail al (mio capo|padrone di casa|professore) per "
        "(chiedere un giorno di ferie venerdì|dire che la caldaia è rotta|chiedere una proroga "
        "per la tesina).",
        "Mi scrivi un (breve discorso|brindisi) per (il matrimonio di mia sorella|la pensione "
        "di un collega|i 18 anni di mio figlio)?",
        "Scrivi una poesia (breve|in rima) (sull'autunno|sul mare d'inverno|sulla nonna).",
        "Mi serve una didascalia (simpatica|carina) per una foto (del mio cane|di un tramonto a "
        "Positano|del pranzo della domenica) su Instagram.",
        "Vado a (Napoli|Torino|Palermo) per (un weekend|tre giorni): cosa non posso perdermi?",
        "Un ristorante (tipico|non turistico) a (Bologna|Firenze|Roma) per una cena (con gli "
        "amici|romantica)?",
        "Ho in frigo solo (zucchine e uova|ceci e pomodori|un po' di riso avanzato): cosa ci "
        "cucino stasera?",
        "(Quanti passi al giorno|Quante volte a settimana) dovrei (camminare|allenarmi) per "
        "(restare in forma|perdere qualche chilo)?",
        "Ho spesso (mal di testa|mal di schiena) (la sera|al lavoro): quando conviene andare "
        "dal medico?",
        "Meglio (un iPhone o un Pixel|una friggitrice ad aria o un forno nuovo|un monopattino "
        "o una bici elettrica) (per girare in città|con 300 euro)?",
        "(Il mio ragazzo|Il mio coinquilino) ce l'ha con me (perché ho dimenticato il suo "
        "compleanno|per le pulizie di casa): come (ne parlo|sistemo le cose)?",
        "(Come ci si veste|Cosa si porta) (a un funerale|a una cena dai suoceri|a un matrimonio "
        "al Sud)?",
        "Come si (richiede la tessera sanitaria|paga il bollo auto|prenota una visita col CUP) "
        "online?",
        "Il mio (gatto|cane) (non mangia da ieri|si gratta di continuo): devo preoccuparmi?",
        "(Quando si seminano i pomodori|Come curo il basilico|Ogni quanto annaffio le piante "
        "grasse) sul balcone?",
        "Raccontami una barzelletta (sugli informatici|per bambini|che mi tiri su il morale).",
        "Idee per il nome (di una bambina|del mio nuovo cane|di una pizzeria)?",
        "Cosa (posso regalare|regalo) a (mia madre per la festa della mamma|un collega che va "
        "in pensione|un amico che ama cucinare) con (50|30) euro?",
        "(Perché il cielo è azzurro|Perché il mare è salato|Come fanno gli uccelli a "
        "orientarsi|Perché sbadigliamo)?",
        "Chi era (Garibaldi|Lorenzo il Magnifico|Cesare Augusto) e perché è (famoso|così "
        "importante)?",
        "Cosa (vuol dire|significa) l'espressione '(in bocca al lupo|avere le mani in pasta|"
        "prendere lucciole per lanterne)'?",
        "Potrebbe consigliarmi (un libro da leggere in vacanza|una serie tv leggera|un film "
        "per stasera con la famiglia)?",
    ), kind="slots"),
    Family("it_ben_work", BENIGN, "it", (
        "Il mio script Python (va in errore con|mi dà) (KeyError|IndexError) quando leggo un "
        "file: da cosa può dipendere?",
        "In React (il componente non si aggiorna|lo stato si azzera) dopo il click: dove "
        "guardo per trovare il bug?",
        "Su Excel mi serve una formula che (sommi le vendite per mese|evidenzi i duplicati|"
        "calcoli i giorni tra due date).",
        "Mi spieghi (l'inflazione|lo spread|il costo opportunità) in modo semplice, con un "
        "esempio?",
        "Che cos'è (l'overfitting|una rete neurale|un modello linguistico di grandi "
        "dimensioni), detto in modo semplice?",
        "Quali clausole devo controllare in un contratto (di affitto|a tempo determinato) "
        "prima di firmare?",
        "(Riassumi|Fammi un riassunto di) questo mio (report|articolo) in un paragrafo per il "
        "mio responsabile:\n{text}",
        "(Correggi|Potrebbe correggere) gli errori di grammatica in questo mio testo?\n{text}",
        "Ho un colloquio (per un posto in banca|da sviluppatore junior|in un'agenzia di "
        "marketing) (giovedì|la settimana prossima): che domande mi faranno e come mi preparo?",
        "Mi aiuta a scrivere una lettera di presentazione per (una posizione da data analyst|"
        "uno stage in comunicazione)? Ho (due anni di esperienza|appena finito l'università).",
        "Fammi una scaletta per (una relazione trimestrale|un business plan per un bar|la tesi "
        "triennale).",
        "(Meglio|Conviene) (Python o Java|PostgreSQL o MongoDB|un gestionale in cloud o in "
        "locale) per (un piccolo progetto|una startup)?",
        "Idee di marketing a basso costo per (una gelateria|un negozio di bici|un profilo "
        "Instagram di ceramiche)?",
        "Mi prepari l'ordine del giorno per (la riunione settimanale del team|il kick-off del "
        "progetto)? Dura (mezz'ora|un'ora).",
        "Voglio imparare (il tedesco|lo spagnolo) da autodidatta con (mezz'ora al giorno|poco "
        "tempo): da dove comincio?",
        "Sono (un'insegnante|un professore) di scienze in (seconda media|prima superiore): mi "
        "aiuta a preparare una lezione di 50 minuti su (il ciclo dell'acqua|la cellula)?",
        "A cosa servono (le matrici|i logaritmi|i numeri complessi) nella vita reale?",
        "Come leggo un file JSON in (Python|JavaScript) e stampo il valore di una chiave?",
        "Ho un dataset (delle vendite del mio negozio|di Kaggle sui prezzi delle case): che "
        "modello provo per primo per fare previsioni?",
        "Il mio punteggio (IELTS|TOEFL) è (basso|sotto la soglia): come posso migliorarlo in "
        "(tre mesi|poco tempo)?",
        "Dobbiamo valutare (due fornitori|due CRM) in azienda: quali criteri usiamo per "
        "confrontarli?",
    ), kind="slots"),
)

MORE_LANG_BENIGN_FAMILIES: tuple[Family, ...] = (*_KO, *_AR, *_HI, *_IT)
