/**
 * Given names and their diminutives, as data. Each line is one group: the formal name
 * first, then forms people are recorded under. A name may sit in several groups
 * ('al' is Albert, Alfred and Alexander); two names match when they share a group.
 * English first, then common Spanish, Portuguese, Italian, French, German, Slavic,
 * Arabic and other international forms. Keys are lower-case ASCII (see nameKey).
 */
export const NICKNAME_GROUPS = `
abigail: abby abbie gail
abraham: abe bram
alexander: alex al alec alexis sandy xander sasha sacha alejandro alessandro aleksandr aleksander alexandre lex
alexandra: alex alexa sandra sandy lexi sasha alejandra alessandra aleksandra
albert: al bert bertie
alfred: al alf alfie fred freddie
allison: ali allie
andrew: andy drew andre andres andrea andrei andrey andrzej
angela: angie angelica
anthony: tony antonio anton antoine antonius
arthur: art artie
barbara: barb barbie babs
benjamin: ben benny benji
bernard: bernie bernardo
beverly: bev
catherine: cathy kathy kate katie kat cate katherine kathryn katharina ekaterina katya catalina caterina kasia
charles: charlie chuck chas carlos carl karl carlo charly
charlotte: charlie lottie
christine: chris chrissy christina kristina tina kristine
christopher: chris kit topher cristobal christoph kristof
cynthia: cindy cyndi
daniel: dan danny dani daniele
david: dave davey davy
deborah: deb debbie debra
dennis: denny
donald: don donnie
dorothy: dot dottie dora
douglas: doug
edward: ed eddie ted teddy ned eduardo edouard eduard
elizabeth: liz lizzie beth betty betsy eliza elisabeth elsa isabel isabella lisa libby bess elisa elisabetta
eleanor: ellie nell nora elinor
emily: em emmy
eugene: gene
frances: fran frankie francesca francoise
francis: frank frankie francisco paco pancho francesco franz francois frantisek
frederick: fred freddie fritz federico
gabriel: gabe gabby
gerald: gerry jerry
gregory: greg
harold: harry hal
henry: harry hank hal enrique henri heinrich heinz enrico
herbert: herb bert
isaac: ike
jacob: jake jakob jacques jakub yakov
james: jim jimmy jamie jas diego jaime santiago iago
jane: janie jenny
janet: jan jen
jennifer: jen jenny jenn
jeffrey: jeff geoffrey geoff
jessica: jess jessie
john: jack johnny jon juan johann hans jean giovanni ivan ioannis jan sean shaun evan jovan yahya
jonathan: jon jonny nathan
joseph: joe joey jose pepe giuseppe beppe peppe josef jozef yusuf youssef
josephine: jo josie
joshua: josh
judith: judy jude
katherine: kate kathy katie kathryn catherine kat
kenneth: ken kenny
lawrence: larry laurence lorenzo laurent
leonard: len lenny leo leonardo
louis: lou luis luigi lewis ludwig
louise: lou lulu luisa louisa
margaret: maggie meg peggy marge margie greta gretchen margarita rita madge daisy margarethe
martin: marty martino
mary: molly polly mae mamie maria marie mariya masha
matthew: matt matty mateo matteo mathieu matthias matvey
michael: mike mikey mick mickey miguel michel michele mikhail misha michal mikael
nathaniel: nate nathan nat
nicholas: nick nicky nico nicolas nicola nikolai nikolay klaus
nicole: nikki nicky
oliver: ollie
patricia: pat patty trish tricia patricio
patrick: pat paddy patricio
peter: pete pedro pierre pietro piotr petr pyotr
philip: phil pip felipe filippo philippe
rebecca: becky becca
richard: rick ricky dick rich richie ricardo riccardo
robert: bob bobby rob robbie bert roberto robin
ronald: ron ronnie
samuel: sam sammy
samantha: sam sammy
sarah: sally sadie sara
stephen: steve stevie steven esteban stefan stephan stefano etienne
susan: sue susie suzanne susanna
theodore: ted teddy theo
thomas: tom tommy thom tomas tomasz tommaso
timothy: tim timmy
victoria: vicky tori vic
vincent: vince vinny vincenzo vicente
walter: walt wally
william: bill billy will willie liam wilhelm guillermo guillaume guglielmo willem
zachary: zach zack
rosemary: rose rosie
ronald: ron
raymond: ray ramon raimundo
reginald: reg reggie
roger: rog
russell: russ
gerard: gerry
gertrude: gert trudy
agnes: aggie ines
alice: ali allie alicia
amanda: mandy
ann: anne annie anna nancy nan hannah anita
antonia: toni
beatrice: bea trixie beatriz
bridget: biddy bridie
caroline: carol carrie carolina
clara: claire clare
constance: connie
cornelius: neil connie
daniela: dani
diana: di diane
edith: edie
evelyn: eve evie
florence: flo flossie
helen: nell nellie ellen elena helena lena yelena
harriet: hattie
irene: rene irina
jacqueline: jackie jacky
joan: joanie juana giovanna johanna joanna
lillian: lily lil
madeline: maddie madeleine magdalena
martha: marty patty
matilda: tilly mattie
mildred: millie
pamela: pam
penelope: penny
priscilla: cilla
sophia: sophie sofia zofia
teresa: terry tess tessa theresa
valerie: val
virginia: ginny
wilfred: will fred
winifred: winnie
guadalupe: lupe
jesus: chuy
ignacio: nacho
eduardo: lalo
enrique: quique kike
alfredo: fredo
consuelo: chelo
concepcion: concha conchita
dolores: lola
rosario: charo
manuel: manolo manny
jose: pepe
mercedes: meche
gonzalo: chalo
rafael: rafa
roberto: beto
alberto: beto
humberto: beto
guillermo: memo
francisco: kiko
alejandro: alex
graciela: chela
ignatius: iggy
giuseppe: peppino
salvatore: toto sal
domenico: mimmo
johann: hans hannes
johannes: hans jo
friedrich: fritz
wolfgang: wolf
gottfried: friedel
aleksandr: sasha shura sanya
aleksei: alyosha lyosha alexei alexey alexis
anastasia: nastya stacy
dmitri: dima dmitry dimitri
ekaterina: katya katia
elena: lena
evgeni: zhenya eugene yevgeny evgeny
ivan: vanya
maria: masha
mikhail: misha
natalia: natasha natalya
nikolai: kolya
olga: olya
pavel: pasha paul pablo paolo
sergei: seryozha sergey serge sergio
svetlana: sveta
tatiana: tanya tatyana
vladimir: vova volodya
yuri: yura yuriy yury
muhammad: mohammed mohamed muhammed mohammad mehmet mehmed hamoud hamada
ahmad: ahmed ahmet
abdullah: abdallah abdulla
ibrahim: ibraheem abraham
yusuf: youssef yousef joseph
ismail: ismael
suleiman: sulaiman suleyman solomon
mustafa: mostafa moustafa
hussein: husain hussain hossein
fatima: fatma fatimah
aisha: ayesha aysha
maryam: mariam miriam
`;
