"""Hard vignettes written for this project (issue 18), one group per kind of difficulty of the
hard dev set, in other words than that set. Written before the reader was tuned on them; the
first run is recorded in docs/benchmarks.md. Each case: id, kinds, text, expected level, the
answer keys that differ from the defaults."""

CASES = [
    # --- negation ---------------------------------------------------------------------------
    ("n01", ["negation"], "Jeg har hverken feber, vægttab eller føleforstyrrelser, og blære og tarm fungerer fint. Bare ondt i lænden i en uge.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("n02", ["negation"], "Det er første gang i mit liv, at jeg ikke kan nå ud på toilettet i tide. Ryggen har gjort ondt i 10 dage.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 1.4}),
    ("n03", ["negation", "unsure"], "Jeg kan ikke udelukke, at jeg har lidt temperatur, for jeg har det varmt og koldt. Ondt i nakken siden i forgårs.", "laege_i_dag", {"region": "nakke", "fever": None, "duration_weeks": 0.3}),
    ("n04", ["negation"], "Ingen udstråling, intet uheld og ingen temperatur. Lænden har været øm i tre dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.4}),
    # --- numbers ----------------------------------------------------------------------------
    ("u01", ["numbers"], "Termometret viste 38,6 i morges, og jeg har ondt midt i ryggen.", "akut", {"region": "laend", "fever": True}),
    ("u02", ["numbers"], "Ondt i lænden i tre en halv uge nu, uændret.", "egenomsorg", {"region": "laend", "duration_weeks": 3.5}),
    ("u03", ["numbers"], "Jeg har haft iskias i højre ben i ti uger, og det er det samme.", "laege", {"region": "laend", "radiation": "ben", "duration_weeks": 10}),
    # --- lost function -----------------------------------------------------------------------
    ("f01", ["function"], "Siden i går snubler jeg over min egen venstre fod, og tæerne hænger, når jeg går. Ondt i lænden.", "akut", {"region": "laend", "radiation": "ben", "weakness": "pludselig_kraftig"}),
    ("f02", ["function"], "Jeg har fået svært ved at holde fast om cykelstyret og taber nøglerne hele tiden. Nakken er øm.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True}),
    ("f03", ["function"], "Der gik lidt tis, inden jeg nåede ud på toilettet, og det er ikke sket før. Ondt i lænden i en uge.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 1}),
    # --- harmless uses of alarm words --------------------------------------------------------
    ("a01", ["harmless"], "Jeg var helt lammet af angst, da det startede, men det er bare et hekseskud for to dage siden. Smerten er faldet en del.", "egenomsorg", {"region": "laend", "duration_weeks": 0.3, "course": "bedre"}),
    ("a02", ["harmless"], "Blod- og urinprøverne var normale. Ondt i lænden efter flytning for fem dage siden.", "egenomsorg", {"region": "laend", "duration_weeks": 0.7}),
    ("a03", ["harmless"], "Ingen problemer i sengen, og tarmene rumler som altid. Jeg har bare ondt i nakken efter en lang bilkørsel i går.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.1}),
    ("a04", ["harmless"], "Jeg tisser helt som jeg plejer. Lænden har drillet i fire dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.6}),
    # --- slang -------------------------------------------------------------------------------
    ("s01", ["slang"], "Pikken føles helt død i dag, og lænden gør ondt ned i højre ben. Det har stået på en uge.", "akut", {"region": "laend", "radiation": "ben", "sexual_dysfunction": True, "duration_weeks": 1}),
    ("s02", ["slang"], "Jeg kan ikke mærke min egen røv, når jeg sidder på lokummet, og ryggen gør ad helvede til.", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("s03", ["slang"], "Har skidt i bukserne i nat uden at opdage det. Ondt i ryggen i fem dage.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 0.7}),
    # --- questions ---------------------------------------------------------------------------
    ("q01", ["question"], "Kan man få iskias af at sidde meget foran computeren? Jeg har ondt i lænden efter en lang arbejdsuge.", "egenomsorg", {"region": "laend"}),
    ("q02", ["question"], "Er det normalt, at jeg ikke kan mærke noget, når jeg tørrer mig efter toiletbesøg? Ondt i lænden og ned i venstre ben.", "akut", {"region": "laend", "radiation": "ben", "saddle_anaesthesia": True}),
    ("q03", ["question"], "Hvad skal man holde øje med, hvis man får problemer med at tisse? Jeg har selv bare ondt i ryggen i en uge.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    # --- typos and no æøå ---------------------------------------------------------------------
    ("t01", ["typos"], "ondt i laenden og ned i hoejre ben i 3 uger, prikkn i foden, ingen feper", "fysioterapeut", {"region": "laend", "radiation": "ben", "paresthesia": True, "duration_weeks": 3}),
    ("t02", ["typos"], "kan ikke maerke noget i skrigtet siden i gaar og ondt i ryggen", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 0.1}),
    ("t03", ["typos"], "nakkesmerter i to uger, det er blevet lidt bedere", "egenomsorg", {"region": "nakke", "duration_weeks": 2, "course": "bedre"}),
    # --- past --------------------------------------------------------------------------------
    ("p01", ["past"], "Jeg fik penicillin for feber sidste vinter. Nu har jeg ondt i lænden i en uge uden andet.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("p02", ["past"], "For fem år siden havde jeg en prolaps med lammelse i foden, som blev opereret. Nu er det bare lidt ondt i lænden igen i tre dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.4}),
    ("p03", ["past"], "Jeg havde brystkræft for otte år siden. Nu har jeg fået ondt i ryggen.", "laege", {"region": "laend", "cancer_history": True}),
    # --- English -----------------------------------------------------------------------------
    ("e01", ["english"], "Jeg har pins and needles i venstre fod og lower back pain i to uger.", "fysioterapeut", {"region": "laend", "radiation": "ben", "paresthesia": True, "duration_weeks": 2}),
    ("e02", ["english"], "Can't feel noget omkring numsen siden i går, og ryggen smerter.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 0.1}),
    ("e03", ["english"], "Back pain i en uge, no fever, no numbness.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    # --- long texts --------------------------------------------------------------------------
    ("l01", ["long"], "Jeg har tøvet med at skrive, men min kone siger, jeg skal. Jeg er 58 og har arbejdet som tømrer hele livet, så ondt i ryggen er jeg vant til. Denne gang startede det for tre uger siden, da jeg bar gipsplader, og det har strålet ned i venstre ben lige siden. Jeg har taget mine piller og været til fys. Men i går opdagede jeg, at jeg ikke kunne mærke, om jeg var færdig med at tisse, og det har jeg aldrig prøvet før. Ellers er jeg ved godt mod.", "akut", {"region": "laend", "radiation": "ben", "bladder_bowel": True, "duration_weeks": 3}),
    ("l02", ["long"], "Det her er nok ikke noget, men jeg vil gerne spørge. Jeg sidder meget stille på kontoret, og for fire dage siden begyndte nakken at gøre ondt, mest til højre side. Jeg har ingen prikken eller svaghed, ingen feber, og jeg kan sagtens arbejde. Jeg har prøvet varme og lidt bevægelse, og det går den rigtige vej.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.6, "course": "bedre"}),
    # --- dialect ------------------------------------------------------------------------------
    ("d01", ["dialect"], "A ka ett mærk æ skridt, og æ ryg gør ondt. Det kom i går.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 0.1}),
    ("d02", ["dialect"], "Æ nakke har væt øm i fem daw, men a fejler ellers ingenting.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.7}),
    # --- other persons -------------------------------------------------------------------------
    ("x01", ["others"], "Min bror havde kræft i knoglerne, og min mor havde feber hele sidste uge. Jeg har selv kun ondt i nakken i to dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.3}),
    ("x02", ["others"], "Min kone kan ikke holde på vandet efter sin fødsel, men det er ikke derfor, jeg skriver: jeg har ondt i lænden og ned i højre ben i en uge.", "fysioterapeut", {"region": "laend", "radiation": "ben", "duration_weeks": 1}),
    # --- sides ---------------------------------------------------------------------------------
    ("b01", ["sides"], "Iskias i højre ben i en uge, og i dag er det nu også i det modsatte ben.", "akut", {"region": "laend", "radiation": "begge_ben", "duration_weeks": 1}),
    ("b02", ["sides", "neck_back"], "Ondt i nakken og lænden i to uger, men ikke ud i arme eller ben.", "egenomsorg", {"region": "begge", "duration_weeks": 2}),
    # --- events instead of symptom words ----------------------------------------------------------
    ("v01", ["function"], "Jeg står længe ved toilettet, før der kommer noget, og det er begyndt i denne uge. Ondt i lænden.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("v02", ["function", "numbers"], "Jeg har 39 grader i aftes og ondt i ryggen.", "akut", {"region": "laend", "fever": True}),
    ("v03", ["function"], "Jeg væltede på motorcyklen i forgårs, og nu gør nakken ondt.", "akut", {"region": "nakke", "major_trauma": True, "duration_weeks": 0.3}),
    ("v04", ["function"], "Faldt ned fra en stige i går og har ondt i lænden.", "akut", {"region": "laend", "major_trauma": True, "duration_weeks": 0.1}),
    # --- pseudo-negation -------------------------------------------------------------------------
    ("g01", ["negation"], "Det sover ikke kun i hånden, men også i skridtet, og nakken og ryggen gør ondt.", "akut", {"region": "begge", "radiation": "arm", "paresthesia": True, "saddle_anaesthesia": True}),
]

# Second batch, written after the reader was tuned on the first; its first run (before any change
# for it) is the blind figure reported in docs/benchmarks.md.
BLIND = [
    ("z01", ["negation"], "Jeg har ikke haft afføring i fire dage, og jeg kan ikke mærke, om jeg skal. Ondt i lænden i en uge.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 1}),
    ("z02", ["negation"], "Ingen feber og ingen følelsesløshed nogen steder. Nakken har været stiv i seks dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.9}),
    ("z03", ["numbers"], "Jeg målte 38,3 i går aftes og har ondt i lænden.", "akut", {"region": "laend", "fever": True}),
    ("z04", ["numbers"], "Jeg har haft ondt i lænden i et halvt år og det bliver ikke bedre.", "laege", {"region": "laend", "duration_weeks": 26}),
    ("z05", ["function"], "Jeg kan ikke længere gå på tæerne med højre fod, det kom pludselig i morges. Ondt i lænden og benet.", "akut", {"region": "laend", "radiation": "ben", "weakness": "pludselig_kraftig"}),
    ("z06", ["function"], "Når jeg går, føles det som at gå på en båd, og jeg må holde fast i væggen. Nakken har gjort ondt i en måned.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True, "duration_weeks": 4.3}),
    ("z07", ["harmless"], "Jeg er lam i hele kroppen af træthed efter maratonløbet, og lænden er øm. To dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.3}),
    ("z08", ["harmless"], "Lægen tjekkede min urin og blodtryk, alt var fint. Jeg har ondt i ryggen efter havearbejde i tre dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.4}),
    ("z09", ["slang"], "Kan ikke få den op længere og har ondt i lænden ned i benet.", "akut", {"region": "laend", "radiation": "ben", "sexual_dysfunction": True}),
    ("z10", ["slang"], "Jeg har tisset i sengen i nat for første gang som voksen, og ryggen gør ondt.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("z11", ["question"], "Skal jeg være bekymret for feber, når man har iskias? Jeg har iskias i venstre ben i to uger.", "fysioterapeut", {"region": "laend", "radiation": "ben", "duration_weeks": 2}),
    ("z12", ["question"], "Hvorfor kan jeg ikke mærke mine balder, når jeg sidder? Ondt i ryggen siden i går.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 0.1}),
    ("z13", ["typos"], "har ondt i lenden og kan ik holde pa vandet", "akut", {"region": "laend", "bladder_bowel": True}),
    ("z14", ["typos"], "snurrn i vestre hånd og ondt i nakken i 5 dage", "fysioterapeut", {"region": "nakke", "radiation": "arm", "paresthesia": True, "duration_weeks": 0.7}),
    ("z15", ["past"], "Sidste år var jeg ude for et trafikuheld, men det er helet. Nu har jeg bare ondt i nakken efter træning i går.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.1}),
    ("z16", ["past"], "Jeg havde svært ved at tisse efter min operation i 2019, men det er længe siden. Nu har jeg ondt i lænden i fire dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.6}),
    ("z17", ["english"], "My lower back hurts og jeg har tingling i højre fod i en uge.", "fysioterapeut", {"region": "laend", "radiation": "ben", "paresthesia": True, "duration_weeks": 1}),
    ("z18", ["english"], "Jeg har wet myself to gange i dag uden at mærke det, og ryggen gør ondt.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("z19", ["dialect"], "A har ondt i æ lænd, og a ka ett hold på vandet.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("z20", ["dialect"], "Æ ben sover og æ ryg gør ondt i tre uger.", "fysioterapeut", {"region": "laend", "radiation": "ben", "paresthesia": True, "duration_weeks": 3}),
    ("z21", ["others"], "Min datter har haft feber i to dage. Selv har jeg ondt i lænden, fordi jeg har båret hende rundt.", "egenomsorg", {"region": "laend", "duration_weeks": 0.3}),
    ("z22", ["others"], "Min nabo fik cauda equina og mistede følelsen i skridtet. Jeg har selv ondt i ryggen i en uge, men ellers ingenting.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("z23", ["unsure"], "Jeg er ikke helt sikker, men jeg tror, følelsen omkring endetarmen er blevet svagere. Ondt i lænden i ti dage.", "laege_i_dag", {"region": "laend", "saddle_anaesthesia": None, "duration_weeks": 1.4}),
    ("z24", ["sides"], "Det startede i venstre ben, og nu har jeg også fået det i det andet ben. Ondt i lænden.", "akut", {"region": "laend", "radiation": "begge_ben"}),
    ("z25", ["neck_back"], "Stiv nakke og øm lænd i fire dage efter en lang flyvetur.", "egenomsorg", {"region": "begge", "duration_weeks": 0.6}),
    ("z26", ["function"], "Jeg faldt af hesten i går og landede på ryggen.", "akut", {"region": "laend", "major_trauma": True, "duration_weeks": 0.1}),
    ("z27", ["numbers"], "Ondt i lænden siden efterårsferien, og det er hverken bedre eller værre.", "fysioterapeut", {"region": "laend", "duration_weeks": 7}),
    ("z28", ["negation"], "Jeg tror ikke, jeg er faldet eller har slået mig, men ryggen gør ondt i dag.", "laege_i_dag", {"region": "laend", "major_trauma": None}),
    ("z29", ["slang"], "Jeg skider i bukserne uden at kunne styre det. Ondt i ryggen.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("z30", ["harmless"], "Sexlyst og alt det der er som det plejer, og jeg tisser fint. Bare ondt i nakken i tre dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.4}),
]

# Third batch, written after the second was used for tuning; its first run is reported too.
BLIND3 = [
    ("y01", ["slang"], "Min pik er helt følelsesløs siden i morges, og jeg har haft iskias i to uger.", "akut", {"region": "laend", "radiation": "ben", "sexual_dysfunction": True, "duration_weeks": 2}),
    ("y02", ["slang", "harmless"], "Det gør fucking ondt i lænden, men jeg pisser og skider som normalt. Fem dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.7}),
    ("y03", ["function"], "Jeg kan ikke længere mærke, når jeg skal på toilettet, og ryggen har gjort ondt i en uge.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 1}),
    ("y04", ["function"], "Mit højre ben gav pludselig efter i går, og jeg kan ikke løfte foden. Ondt i lænden.", "akut", {"region": "laend", "radiation": "ben", "weakness": "pludselig_kraftig", "duration_weeks": 0.1}),
    ("y05", ["negation"], "Jeg har ikke nogen prikken, ingen svaghed og ingen problemer med vandladningen. Ondt i nakken i tre dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.4}),
    ("y06", ["negation", "unsure"], "Jeg ved ikke rigtig, om jeg har feber, men jeg har det skidt og ondt i ryggen.", "laege_i_dag", {"region": "laend", "fever": None}),
    ("y07", ["numbers"], "Lænden har gjort ondt i 14 uger, og det er uændret.", "laege", {"region": "laend", "duration_weeks": 14}),
    ("y08", ["numbers"], "Jeg har haft 38,9 siden i går og ondt i lænden.", "akut", {"region": "laend", "fever": True, "duration_weeks": 0.1}),
    ("y09", ["past"], "Jeg havde iskias i begge ben for ti år siden. Nu har jeg lidt ondt i lænden igen i en uge.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("y10", ["others"], "Min søn er faldet ned fra trampolinen og har ondt i ryggen, men det er mig selv, jeg spørger for: jeg har ondt i nakken i to dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.3}),
    ("y11", ["question"], "Er det farligt at have iskias i begge ben? Jeg har det selv kun i venstre ben, i fem dage.", "fysioterapeut", {"region": "laend", "radiation": "ben", "duration_weeks": 0.7}),
    ("y12", ["question"], "Hvorfor løber der tis, uden at jeg mærker det? Ondt i ryggen i ti dage.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 1.4}),
    ("y13", ["typos"], "har ondt i ryggn og kan ikk mærke noget ved endetarmen", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("y14", ["typos"], "feeber og ondt i lenden siden igår", "akut", {"region": "laend", "fever": True, "duration_weeks": 0.1}),
    ("y15", ["english"], "Severe back pain, and I can't control my bladder since this morning.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("y16", ["english"], "Neck pain for two weeks, no tingling, no weakness.", "egenomsorg", {"region": "nakke", "duration_weeks": 2}),
    ("y17", ["dialect"], "A ka ett styr æ vand længer, og æ ryg gør ondt.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("y18", ["dialect"], "Æ nakke er øm, men ellers fejler a ingenting. Fire daw.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.6}),
    ("y19", ["harmless"], "Jeg er helt lammet af skræk over alt det, jeg har læst, men det er bare et hold i ryggen fra i går.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("y20", ["harmless"], "Min blære er helt normal, og afføringen også. Jeg har bare ondt i ryggen efter at have spillet fodbold i går.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("y21", ["sides"], "Smerterne stråler ned i begge lår, og jeg har ondt i lænden.", "akut", {"region": "laend", "radiation": "begge_ben"}),
    ("y22", ["sides"], "Jeg har ondt i højre arm og i venstre arm, og nakken er stiv.", "laege", {"region": "nakke", "radiation": "begge_arme"}),
    ("y23", ["function"], "Jeg har mistet grebet i begge hænder og taber hele tiden ting. Nakken gør ondt.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True}),
    ("y24", ["function"], "Mine ben er blevet vakkelvorne, og jeg går som en fuld mand. Ondt i nakken.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True}),
    ("y25", ["numbers"], "Har tabt 10 kg på to måneder uden at prøve, og ryggen gør ondt.", "laege", {"region": "laend", "weight_loss": True}),
    ("y26", ["negation"], "Jeg har slet ikke feber og er ikke kommet til skade. Ondt i lænden i to uger.", "egenomsorg", {"region": "laend", "duration_weeks": 2}),
    ("y27", ["long"], "Hej. Jeg skriver for at høre, om jeg bør gøre noget. Jeg har i tre uger haft ondt i lænden, især om morgenen. Jeg har ikke nogen udstråling, jeg har ingen feber, og jeg har ikke tabt mig. Men siden i forgårs har der været en mærkelig fornemmelse i skridtet, som om jeg sidder på en pude, og det gør mig urolig.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 3}),
    ("y28", ["long", "past"], "Jeg blev opereret for en diskusprolaps for seks år siden, og det gik fint. Nu har jeg igen fået ondt i lænden og ned i højre ben, og det har varet i fire uger uden at blive bedre. Jeg har ingen problemer med at tisse eller med afføringen, og jeg kan mærke alt normalt.", "fysioterapeut", {"region": "laend", "radiation": "ben", "duration_weeks": 4}),
    ("y29", ["others"], "Min mor har myelomatose. Jeg har selv bare ondt i nakken efter en lang dag foran skærmen.", "egenomsorg", {"region": "nakke"}),
    ("y30", ["unsure"], "Jeg er i tvivl, om jeg tisser mindre end normalt. Ondt i lænden og ned i venstre ben i en uge.", "laege_i_dag", {"region": "laend", "radiation": "ben", "bladder_bowel": None, "duration_weeks": 1}),
]

# Fourth batch, written after batch 3 was used for tuning; its first run is reported too.
BLIND4 = [
    ("w01", ["function"], "Jeg kan ikke gå op ad trappen uden at benet svigter, det startede i nat. Ondt i lænden.", "akut", {"region": "laend", "radiation": "ben", "weakness": "pludselig_kraftig"}),
    ("w02", ["function", "slang"], "Jeg har lavet i bukserne to gange i dag uden at opdage det, og ryggen gør ondt.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("w03", ["negation"], "Hverken blære, tarm eller følesans i skridtet er påvirket. Iskias i venstre ben i tre uger.", "fysioterapeut", {"region": "laend", "radiation": "ben", "duration_weeks": 3}),
    ("w04", ["negation"], "Jeg har aldrig før haft svært ved at holde mig, men i dag nåede jeg ikke toilettet. Ondt i lænden.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("w05", ["numbers"], "Ondt i nakken i halvanden måned, ikke bedre.", "fysioterapeut", {"region": "nakke", "duration_weeks": 6.5}),
    ("w06", ["numbers"], "Min temperatur er 37,2, og jeg har ondt i ryggen efter at have båret flyttekasser i går.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("w07", ["slang"], "Jeg kan ikke få stiv pik mere, og lænden gør ondt ned i benet.", "akut", {"region": "laend", "radiation": "ben", "sexual_dysfunction": True}),
    ("w08", ["english"], "Numbness in my groin since yesterday and back pain.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 0.1}),
    ("w09", ["dialect"], "A hår ondt i æ ryg og ka ett tiss.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("w10", ["question"], "Skal man på skadestuen, hvis man ikke kan tisse? Jeg har bare ondt i ryggen selv.", "egenomsorg", {"region": "laend"}),
    ("w11", ["question"], "Hvad betyder det, når jeg ikke kan mærke min ene balde? Ondt i lænden.", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("w12", ["past"], "Jeg var ude for en bilulykke for tyve år siden. Nu har jeg ondt i nakken efter træning i går.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.1}),
    ("w13", ["others"], "Min kæreste kan ikke mærke sine fødder, men det er ikke ham, det handler om: jeg har selv ondt i lænden i en uge.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("w14", ["harmless"], "Jeg er ikke faldet, og jeg har ikke feber. Ondt i ryggen efter rengøring i går.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("w15", ["harmless"], "Jeg har fået tjekket urinen, og den var fin. Ondt i lænden i fem dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.7}),
    ("w16", ["typos"], "mistet fölelsen i skridet og ondt i ryggen", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("w17", ["typos"], "prikken i begge haender og ondt i nakkn", "laege", {"region": "nakke", "radiation": "begge_arme", "paresthesia": True}),
    ("w18", ["unsure"], "Måske er der lidt nedsat følelse i skridtet, jeg er ikke sikker. Iskias i højre ben i en uge.", "laege_i_dag", {"region": "laend", "radiation": "ben", "saddle_anaesthesia": None, "duration_weeks": 1}),
    ("w19", ["function"], "Jeg kan ikke holde på en kop kaffe mere, hænderne er klodsede, og nakken gør ondt.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True}),
    ("w20", ["sides"], "Det stråler ned i venstre ben, og siden i går også i højre.", "akut", {"region": "laend", "radiation": "begge_ben", "duration_weeks": 0.1}),
]

# Fifth batch, written after batch 4 was used for tuning; its first run is reported too.
BLIND5 = [
    ("m01", ["function"], "Da jeg skulle tisse i morges, kom der næsten ingenting, selvom blæren føltes fuld. Iskias i højre ben i to uger.", "akut", {"region": "laend", "radiation": "ben", "bladder_bowel": True, "duration_weeks": 2}),
    ("m02", ["function"], "Jeg kan ikke mærke toiletsædet, når jeg sidder på det. Ondt i lænden.", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("m03", ["slang"], "Fyren dernede vil ikke rejse sig længere, og jeg har haft iskias i ti dage.", "akut", {"region": "laend", "radiation": "ben", "sexual_dysfunction": True, "duration_weeks": 1.4}),
    ("m04", ["english"], "Since this morning I have no feeling around my anus, and my lower back hurts.", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("m05", ["dialect"], "Æ fod slæber hen ad æ gulv, det kom i går. A har ondt i æ lænd.", "akut", {"region": "laend", "radiation": "ben", "weakness": "pludselig_kraftig", "duration_weeks": 0.1}),
    ("m06", ["typos"], "kan ikke holde paa vandet laengere og har ondt i ryggen", "akut", {"region": "laend", "bladder_bowel": True}),
    ("m07", ["numbers"], "Jeg har 40,1 i feber og ondt i ryggen.", "akut", {"region": "laend", "fever": True}),
    ("m08", ["function"], "Jeg blev kørt ned af en lastbil på cyklen i går, og nu gør nakken ondt.", "akut", {"region": "nakke", "major_trauma": True, "duration_weeks": 0.1}),
    ("m09", ["sides"], "Iskias i venstre ben i en uge, og nu er det kommet i højre ben også.", "akut", {"region": "laend", "radiation": "begge_ben", "duration_weeks": 1}),
    ("m10", ["negation"], "Jeg har ingen feber. Men jeg har opdaget, at jeg ikke kan mærke, når jeg har afføring. Ondt i lænden.", "akut", {"region": "laend", "bladder_bowel": True}),
    ("m11", ["harmless"], "Jeg har ondt i ryggen efter at have båret min søn, og jeg er helt færdig af træthed. Ingen andre problemer. Tre dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.4}),
    ("m12", ["harmless", "negation"], "Ingen problemer med at tisse eller med afføringen, og følelsen i skridtet er normal. Lænden har gjort ondt i en uge.", "egenomsorg", {"region": "laend", "duration_weeks": 1}),
    ("m13", ["question"], "Hvornår skal man ringe 112 ved rygsmerter? Jeg har selv bare lidt ondt i lænden efter havearbejde i går.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("m14", ["others"], "Min far har prostatakræft og kan ikke holde på vandet. Jeg har ondt i nakken efter at have sovet skævt.", "egenomsorg", {"region": "nakke"}),
    ("m15", ["past"], "Jeg havde en blærebetændelse sidste måned, men den er væk. Nu har jeg ondt i lænden i fire dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.6}),
    ("m16", ["function"], "Hænderne ryster og er blevet fumlede, så jeg ikke kan lukke mine knapper. Nakken har været øm i en måned.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True, "duration_weeks": 4.3}),
    ("m17", ["unsure"], "Jeg synes, det er blevet sværere at tisse, men jeg er ikke sikker. Ondt i lænden og ned i højre ben i to uger.", "laege_i_dag", {"region": "laend", "radiation": "ben", "bladder_bowel": None, "duration_weeks": 2}),
    ("m18", ["numbers"], "Jeg har tabt mig fem kilo på en måned uden grund, og ryggen gør ondt om natten, uanset hvordan jeg ligger.", "laege", {"region": "laend", "weight_loss": True, "night_pain": True}),
    ("m19", ["function"], "Jeg vågner hver nat af smerter i ryggen, og intet hjælper, hverken panodil eller ipren.", "laege_i_dag", {"region": "laend", "pain_uncontrolled": True}),
    ("m20", ["english", "negation"], "Lower back pain for 3 weeks, no leg pain, no bladder problems.", "egenomsorg", {"region": "laend", "duration_weeks": 3}),
]

# Sixth batch, written after batch 5 was used for tuning; its first run is reported too.
BLIND6 = [
    ("k01", ["function"], "Når jeg tørrer mig efter toiletbesøg, er det som at tørre et fremmed sted. Ondt i lænden i en uge.", "akut", {"region": "laend", "saddle_anaesthesia": True, "duration_weeks": 1}),
    ("k02", ["slang"], "Min tissemand og mine nosser føles helt døde. Ryggen gør ondt.", "akut", {"region": "laend", "sexual_dysfunction": True}),
    ("k03", ["function"], "Jeg har tisset på mig selv i nat uden at vågne. Ondt i lænden og ned i benet i to uger.", "akut", {"region": "laend", "radiation": "ben", "bladder_bowel": True, "duration_weeks": 2}),
    ("k04", ["typos"], "har ondt i lændn og kan ikk mærke min numse", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("k05", ["english"], "Can't pee since yesterday and my back is killing me.", "akut", {"region": "laend", "bladder_bowel": True, "duration_weeks": 0.1}),
    ("k06", ["dialect"], "A ka ett mærk nowed, når a går på lokum, og æ ryg gør ondt.", "akut", {"region": "laend", "saddle_anaesthesia": True}),
    ("k07", ["negation"], "Ikke noget med blæren, ingen feber, intet uheld. Bare ondt i nakken i fem dage.", "egenomsorg", {"region": "nakke", "duration_weeks": 0.7}),
    ("k08", ["harmless"], "Jeg var til gynækolog i går, alt var fint. Nu har jeg ondt i lænden efter en lang gåtur.", "egenomsorg", {"region": "laend", "duration_weeks": 0.1}),
    ("k09", ["question"], "Er det normalt, at man får ondt i lænden af at sidde på en hård stol? Det har jeg haft i tre dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.4}),
    ("k10", ["numbers"], "Ondt i lænden siden sidste sommer, og det er ikke blevet bedre.", "laege", {"region": "laend", "duration_weeks": 23}),
    ("k11", ["sides"], "Jeg har ondt ned i begge ben, mest i det højre, og ryggen gør ondt.", "akut", {"region": "laend", "radiation": "begge_ben"}),
    ("k12", ["function"], "Jeg vælter, når jeg lukker øjnene i badet, og fingrene er blevet klodsede. Ondt i nakken.", "laege_i_dag", {"region": "nakke", "myelopathy_signs": True}),
    ("k13", ["others"], "Min veninde havde cauda equina sidste år. Jeg er bange for det samme, men jeg har bare ondt i lænden uden andre gener, i fire dage.", "egenomsorg", {"region": "laend", "duration_weeks": 0.6}),
    ("k14", ["unsure"], "Det kan godt være, at jeg har feber, jeg har ikke målt det. Ondt i ryggen.", "laege_i_dag", {"region": "laend", "fever": None}),
    ("k15", ["past"], "For to år siden fik jeg fjernet en svulst i tarmen. Nu har jeg ondt i ryggen.", "laege", {"region": "laend", "cancer_history": True}),
]
